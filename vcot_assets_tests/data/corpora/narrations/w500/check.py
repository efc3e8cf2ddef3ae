"""Standalone checker for w500 narrations: runs each call under sys.settrace, records every
variable's value history per name (locals and self.<attr>), line hit counts, and checks claims."""
import ast, copy, json, sys
from collections import defaultdict

def lit(s):
    return ast.literal_eval(s)

def run(code, call):
    hist = defaultdict(list)
    lines = defaultdict(int)
    at_line = defaultdict(list)  # line number -> snapshot of locals each time that line is reached
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist[name]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    rec('self.' + a, av)
            elif not callable(v) and not hasattr(v, '__dict__'):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            snap(frame)
            if event == 'line':
                lines[frame.f_lineno] += 1
                at_line[frame.f_lineno].append({k: copy.deepcopy(v) for k, v in frame.f_locals.items()
                                                if not callable(v) and not hasattr(v, '__dict__')})
            return local
        snap(frame)
        return local
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    hist['__at_line__'] = at_line
    return ret, hist, lines

def call_returns(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def subseq(seq, h):
    it = iter(h)
    return all(any(x == y for y in it) for x in seq)

def contiguous(seq, h):
    return any(h[i:i + len(seq)] == seq for i in range(len(h) - len(seq) + 1))

def check_claim(c, ret, hist, lines, code):
    w, var, val = c['what'], c['variable'], c['value']
    if w == 'value':
        v = lit(val)
        h = hist.get(var, [])
        if v in h:
            return True
        return isinstance(v, list) and subseq(v, h)  # summarised sequence of values, in order
    if w == 'count' and var.startswith('values@'):  # iterations of a range loop = distinct values taken
        return len(hist[var[7:]]) == lit(val)
    if w == 'count':
        return lines[int(var.split('@line ')[1])] == lit(val)
    if w in ('arith', 'comparison'):
        return eval(c['expr']) == lit(val)
    if w == 'return':
        return lit(val) == ret
    if w == 'call':
        return call_returns(code, val) == ret
    return False

def check_error(it, ret, hist, lines):
    e, ck = it['error'], it['error']['check']
    t = ck['type']
    if t == 'arith' or t == 'expr':
        v = eval(ck['expr'])
        return v != lit(ck.get('stated_value', e['stated'])) and v == lit(ck.get('actual_value', e['actual']))
    if t == 'count' and ck['var'].startswith('values@'):
        n = len(hist[ck['var'][7:]])
        return n != lit(e['stated']) and n == lit(e['actual'])
    if t == 'count':
        n = lines[int(ck['var'].split('@line ')[1])]
        return n != lit(e['stated']) and n == lit(e['actual'])
    if t == 'not_in_hist':
        st, ac = lit(ck.get('stated_value', e['stated'])), lit(ck.get('actual_value', e['actual']))
        return st not in hist[ck['var']] and ac in hist[ck['var']]
    if t == 'hist_at':  # value at that point (k-th value of the variable's history) differs
        at = hist[ck['var']][ck['k']]
        stated = lit(ck.get('stated_value', e['stated']))
        ok = at != stated and at == lit(ck.get('actual_value', e['actual']))
        if e.get('held_elsewhere'):
            ok = ok and stated in hist[ck['var']]
        return bool(ok)
    if t == 'iter_at':  # value of var the k-th time line `line` runs (that iteration)
        at = hist['__at_line__'][ck['line']][ck['k']][ck['var']]
        st = lit(ck['stated_value'])
        ok = at != st and at == lit(ck['actual_value'])
        if e.get('held_elsewhere'):
            ok = ok and any(sn.get(ck['var']) == st for sn in hist['__at_line__'][ck['line']])
        return ok
    if t == 'seq':
        return (not contiguous(lit(e['quote'].replace(' -> ', ', ').join('[]')) if '->' in e['quote'] else [], hist[ck['var']])
                and contiguous(lit(ck['actual_value']), hist[ck['var']]))
    if t == 'fwd_answer':
        return lit(it['answer']) != ret
    if t == 'bwd_answer':
        return call_returns(it['code'], it['answer']) != lit(it['returned'])
    return False

def main(path):
    items = [json.loads(l) for l in open(path)]
    out, bad = [], 0
    for it in items:
        ret, hist, lines = run(it['code'], it['call'])
        probs = []
        if repr(ret) != it['returned']:
            probs.append('returned mismatch')
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']):
            probs.append('answer line')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote missing: ' + c['quote'])
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not check_claim(c, ret, hist, lines, it['code']):
                    probs.append('false claim: ' + c['quote'])
            if it['direction'] == 'forward' and lit(it['answer']) != ret:
                probs.append('fwd answer wrong')
            if it['direction'] == 'backward' and call_returns(it['code'], it['answer']) != ret:
                probs.append('bwd answer wrong')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                probs.append('error quote missing')
            if not check_error(it, ret, hist, lines):
                probs.append('error not confirmed false')
            ec = [c for c in it['claims'] if c['quote'] == e['quote'] or e['quote'] in c['quote'] or c['quote'] in e['quote']]
            for c in it['claims']:
                if c in ec:
                    continue
                if not check_claim(c, ret, hist, lines, it['code']):
                    probs.append('other claim false: ' + c['quote'])
        bad += bool(probs)
        out.append(f"{it['id']}: {'PASS' if not probs else 'FAIL ' + '; '.join(probs)}")
    # self-test: an error copy's own wrong claim, checked as if it were faithful
    plain = point = 0
    for it in items:
        if it['label'] != 'error':
            continue
        ret, hist, lines = run(it['code'], it['call'])
        if not check_claim(it['claims'][-1], ret, hist, lines, it['code']):
            plain += 1
        else:
            point += 1  # value held elsewhere in the run: refuted only by the point-in-time check
    out.append(f"error claims refuted by whole-run check: {plain}; refuted only at their point (held elsewhere): {point}")
    out.append(f"TOTAL {len(items)} items, {len(items) - bad} pass, {bad} fail")
    return out

if __name__ == '__main__':
    print('\n'.join(main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')))
