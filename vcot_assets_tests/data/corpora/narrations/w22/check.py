"""Standalone checker for w22 narrations. Runs each program with sys.settrace,
records per-variable value histories (locals and self.<attr>), line hit counts and
per-function return values, then checks claims, answers and error copies."""
import ast, copy, json, sys
from collections import defaultdict

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist = defaultdict(list); hits = defaultdict(int); rets = defaultdict(list)
    def rec(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    add('self.' + a, av)
            elif not callable(v) or isinstance(v, (list, dict)):
                add(k, v)
    def add(k, v):
        s = snap(v)
        h = hist[k]
        if not h or h[-1] != s or type(h[-1]) != type(s):
            h.append(s)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            hits[frame.f_lineno] += 1
        rec(frame)
        if event == 'return':
            rets[frame.f_code.co_name].append(snap(arg))
        return tr
    sys.settrace(tr)
    try:
        out = eval(call, ns)
    finally:
        sys.settrace(None)
    return out, hist, hits, rets

def plain_eval(call, code):
    ns = {}
    exec(code, ns)
    return eval(call, ns)

def check_claim(c, hist, hits, rets):
    what = c['what']
    val = ast.literal_eval(c['value']) if isinstance(c['value'], str) else c['value']
    if what == 'value':
        return any(h == val and type(h) == type(val) or (isinstance(h, (int, float)) and isinstance(val, (int, float)) and not isinstance(h, bool) and not isinstance(val, bool) and h == val) for h in hist.get(c['variable'], []))
    if what == 'count':
        line = int(c['variable'].split('@line')[1])
        return hits.get(line, 0) == val
    if what in ('comparison', 'arith'):
        expr = c.get('expr') or c['quote']
        r = eval(expr, {})
        return (bool(r) == val) if what == 'comparison' else (r == val and type(r) == type(val) or r == val)
    if what in ('return', 'call'):
        return val in rets.get(c['variable'], [])
    raise ValueError(what)

def main(path):
    items = [json.loads(l) for l in open(path)]
    byid = {i['id']: i for i in items}
    bad = 0; lines = []
    for it in items:
        probs = []
        out, hist, hits, rets = run(it['code'], it['call'])
        if repr(out) != it['returned']:
            probs.append('returned mismatch %r' % (out,))
        if not it['rationale'].rstrip().endswith(it['rationale'].rstrip().splitlines()[-1]) or not it['rationale'].rstrip().splitlines()[-1].startswith('Answer:'):
            pass
        last = [l for l in it['rationale'].splitlines() if l.strip()][-1]
        if it['answer'] not in last:
            probs.append('answer not in last line')
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == out
        else:
            try:
                ans_ok = plain_eval(it['answer'], it['code']) == out
            except Exception as e:
                ans_ok = False
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not found: %r' % c['quote'])
        if it['label'] == 'faithful':
            if not ans_ok: probs.append('answer wrong')
            for c in it['claims']:
                if not check_claim(c, hist, hits, rets):
                    probs.append('claim false: %r' % c)
        else:
            e = it['error']
            f = byid.get(it['faithful_id'])
            if f is None: probs.append('no faithful')
            if e['quote'] not in it['rationale']: probs.append('error quote missing')
            if e['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok: probs.append('error answer is actually right')
            else:
                if not ans_ok and not e.get('carried'): probs.append('answer wrong in non-answer error')
                ec = [c for c in it['claims'] if c['quote'] == e['quote']]
                if not ec: probs.append('no claim for error quote')
                for c in ec:
                    if check_claim(c, hist, hits, rets):
                        probs.append('error claim is true: %r' % c)
            if e['kind'] == 'backward_wrong_input' and it['direction'] != 'backward': probs.append('bwi on forward')
            if e['kind'] == 'wrong_final_answer' and it['direction'] != 'forward': probs.append('wfa on backward')
        status = 'OK' if not probs else 'FAIL'
        if probs: bad += 1
        lines.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    lines.append('items: %d, failing: %d' % (len(items), bad))
    return lines, bad

if __name__ == '__main__':
    lines, bad = main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')
    print('\n'.join(lines))
    sys.exit(1 if bad else 0)
