#!/usr/bin/env python3
"""Standalone checker for w264 narrations: runs each call under sys.settrace, records
per-variable value histories (locals and self.<attr>) and per-line hit counts, then checks
every claim and every error annotation against the real execution."""
import ast, copy, json, sys

def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist, lines = {}, {}
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == 'self' and hasattr(v, '__dict__'):
                items = [('self.' + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    pass
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        snap(frame)
        if ev == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def check_claim(c, item, ret, hist, lines, ns):
    w = c['what']
    val = None if w == 'call' else lit(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if 'index' in c:
            return c['index'] < len(h) and h[c['index']] == val
        return val in h
    if w == 'count':
        return lines.get(c['line'], 0) == val
    if w in ('comparison', 'arith'):
        return eval(c['expr'], {}) == val
    if w == 'return':
        return ret == val
    if w == 'call':
        return eval(c['value'], dict(ns)) == ret
    raise ValueError(w)

def all_values(hist):
    vals = []
    for h in hist.values():
        for v in h:
            vals.append(v)
            if isinstance(v, dict):
                vals.extend(v.values())
    return vals

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    out, bad = [], 0
    for it in items:
        errs = []
        ret, hist, lines, ns = run(it['code'], it['call'])
        if repr(ret) != it['returned']:
            errs.append('returned mismatch %r' % (ret,))
        r = it['rationale']
        if not r.rstrip().endswith('Answer: ' + it['answer']) and 'Answer: ' + it['answer'] not in r.strip().splitlines()[-1]:
            errs.append('answer line mismatch')
        e = it['error']
        for c in it['claims']:
            if c['quote'] not in r:
                errs.append('quote missing: ' + c['quote'])
            is_err = e is not None and c['quote'] == e['quote']
            if is_err:
                continue
            if c.get('carried_error'):
                # a value carried forward from the error: it must be false too
                if check_claim(c, it, ret, hist, lines, ns):
                    errs.append('carried claim unexpectedly true: %s' % c['quote'])
                continue
            if not check_claim(c, it, ret, hist, lines, ns):
                errs.append('false claim: %s' % c['quote'])
        fwd = it['direction'] == 'forward'
        def answer_ok():
            if fwd:
                return lit(it['answer']) == ret
            return eval(it['answer'], dict(ns)) == ret
        if it['label'] == 'faithful':
            if not answer_ok():
                errs.append('faithful answer wrong')
        else:
            k = e['kind']
            if e['quote'] not in r:
                errs.append('error quote missing')
            if e['stated'] not in e['quote']:
                errs.append('stated not in quote')
            tf = {'true': True, 'false': False}
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                st = e['stated']
            elif 'stated_value' in e:
                st = e['stated_value']
            elif e['stated'].lower() in tf:
                st = tf[e['stated'].lower()]
            else:
                st = lit(e['stated'])
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if answer_ok():
                    errs.append('wrong answer is actually right')
            else:
                if not answer_ok():
                    errs.append('answer should stay right')
                if 'expr' in e:
                    if eval(e['expr'], {}) == st or eval(e['expr'], {}) != lit(e['actual']):
                        errs.append('expr error not false')
                elif k == 'off_by_one_loop_count':
                    n = lines.get(e['line'], 0)
                    if n == st or n != lit(e['actual']) or abs(n - st) != 1:
                        errs.append('count error not off by one')
                else:
                    h = hist.get(e['variable'], [])
                    if 'key' in e:
                        h = [x[e['key']] for x in h if e['key'] in x]
                    if e['index'] >= len(h) or h[e['index']] == st or h[e['index']] != lit(e['actual']):
                        errs.append('value error not false at point')
                    if k == 'impossible_state' and st in h:
                        errs.append('impossible value occurs')
            if e.get('held_elsewhere'):
                if st not in all_values(hist):
                    errs.append('held_elsewhere value never held')
        status = 'PASS' if not errs else 'FAIL ' + '; '.join(errs)
        bad += bool(errs)
        out.append('%s %s' % (it['id'], status))
    out.append('TOTAL %d items, %d failing' % (len(items), bad))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
