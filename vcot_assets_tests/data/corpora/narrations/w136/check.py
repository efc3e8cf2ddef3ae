"""Standalone checker for w136 narrations: re-executes each program with sys.settrace."""
import json, sys, ast

def run_traced(code, call):
    hist = {}      # var -> list of distinct successive values
    lines = {}     # line number -> hit count
    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == 'self':
                try:
                    items = [('self.' + a, b) for a, b in vars(v).items()]
                except TypeError:
                    items = []
            for name, val in items:
                try:
                    val = ast.literal_eval(repr(val))
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tr
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tr)
    try:
        ret = eval(compile(call, '<prog>', 'eval'), ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain(code, call):
    ns = {}
    exec(code, ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, lines):
    """Return True if the claim is true of the execution."""
    w = c['what']; v = lit(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if c.get('seq'):
            st = c.get('start', 0)
            return h[st:st + len(v)] == v and (c.get('prefix') or len(h) == st + len(v))
        if 'index' in c:
            return c['index'] < len(h) and h[c['index']] == v
        return v in h
    if w == 'count':
        if 'header' in c['variable']:   # loop@header N: header line hits minus the final exhausted test
            return lines.get(int(c['variable'].split('header')[-1]), 0) - 1 == v
        return lines.get(int(c['variable'].split('line')[-1]), 0) == v
    if w in ('arith', 'comparison'):
        expr = c.get('expr') or c['quote'].split('=')[0].strip('` ')
        return eval(expr) == v
    if w == 'return':
        return ret == v
    if w == 'call':
        return True
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    fails = 0; out = []
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r' % (ret,))
        r = it['rationale']
        last = r.strip().splitlines()[-1]
        if it['answer'] not in last:
            probs.append('answer not in last line')
        for c in it['claims']:
            if c['quote'] not in r:
                probs.append('quote missing: %r' % c['quote'])
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == ret
        else:
            fn = it['answer'].split('(')[0].strip()
            ans_ok = fn == it['function'] or it['answer'].startswith(it['call'].split('(')[0])
            try:
                ans_ok = ans_ok and plain(it['code'], it['answer']) == ret
            except Exception as e:
                ans_ok = False
        if it['label'] == 'faithful':
            if not ans_ok:
                probs.append('faithful answer wrong')
            for c in it['claims']:
                if not check_claim(c, ret, hist, lines):
                    probs.append('false claim: %r' % c['quote'])
        else:
            e = it['error']
            if e['quote'] not in r:
                probs.append('error quote missing')
            k = e['kind']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('error answer is actually right')
            else:
                if not ans_ok:
                    probs.append('answer should stay right')
                ec = [c for c in it['claims'] if c['quote'] == e['quote']]
                if not ec:
                    probs.append('error claim missing from claims')
                for c in ec:
                    if check_claim(c, ret, hist, lines):
                        probs.append('error claim is true at that point')
                    if e.get('held_elsewhere'):
                        hs = [hist.get(c['variable'], [])] if c.get('variable') in hist else list(hist.values())
                        sv = lit(e['stated'])
                        if not any(sv in h or any(isinstance(x, (list, tuple)) and sv in x for x in h) for h in hs):
                            probs.append('held_elsewhere but value never held')
                others = [c for c in it['claims'] if c['quote'] != e['quote']]
                if not e.get('carried'):
                    for c in others:
                        if not check_claim(c, ret, hist, lines):
                            probs.append('extra false claim: %r' % c['quote'])
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('TOTAL %d items, %d failures' % (len(items), fails))
    print('\n'.join(out))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
