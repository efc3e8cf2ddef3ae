#!/usr/bin/env python3
"""Standalone checker for w367 narrations: re-executes every program with sys.settrace,
records per-variable value histories (locals and self.<attr>) and per-line hit counts,
then verifies claims of faithful items and confirms the planted error of error copies."""
import ast, json, sys, copy

def run(code, call):
    hist, lines = {}, {}
    def note(name, val):
        try:
            val = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(val)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in getattr(v, '__dict__', {}).items():
                    note('self.' + a, av)
            elif not callable(v):
                note(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        snap(frame)
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def anywhere(hist, v):
    return any(v in h for h in hist.values())

def check_claim(c, ret, hist, lines, code):
    w, var, val = c['what'], c.get('variable'), c['value']
    v = lit(val)
    if w == 'value':
        if var is None:
            return anywhere(hist, v) or v == ret
        return v in hist.get(var, [])
    if w == 'count':
        ln = int(var.split('line')[-1])
        return lines.get(ln, 0) == v
    if w in ('arith', 'comparison'):
        return eval(c.get('expr', c['quote']), {}) == v
    if w == 'return':
        return v == ret
    if w == 'call':
        return plain(code, c.get('expr', c['quote'])) == ret
    return False

def check_error(e, item, ret, hist, lines):
    ck = e['check']; t = ck['type']
    stated = lit(e['stated']) if t not in ('answer',) else None
    if t == 'expr':
        actual = eval(ck['expr'], {})
        ok = actual != stated and actual == lit(e['actual'])
    elif t == 'count':
        actual = lines.get(ck['line'], 0)
        ok = actual != stated and actual == lit(e['actual'])
    elif t == 'history':
        h = hist.get(ck['variable'], [])
        actual = h[ck['index']]
        if 'key' in ck:
            actual = actual[ck['key']]
        ok = actual != stated and actual == lit(e['actual'])
    elif t == 'never':
        ok = stated not in hist.get(ck['variable'], [])
    elif t == 'answer':
        if item['direction'] == 'forward':
            ok = lit(item['answer']) != ret
        else:
            try:
                ok = plain(item['code'], item['answer']) != ret
            except Exception:
                ok = True
    else:
        ok = False
    if ok and e.get('held_elsewhere'):
        if 'key' in ck:
            ok = any(isinstance(x, dict) and x.get(ck['key']) == stated for x in hist.get(ck['variable'], []))
        else:
            ok = anywhere(hist, stated)
    return ok

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    out, bad = [], 0
    for it in items:
        probs = []
        ret, hist, lines = run(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r' % (ret,))
        if it['rationale'].rstrip().splitlines()[-1].strip() != 'Answer: ' + it['answer'] and \
           not it['rationale'].rstrip().endswith(it['answer']):
            probs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote missing: ' + c['quote'])
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not check_claim(c, ret, hist, lines, it['code']):
                    probs.append('false claim: %s' % c['quote'])
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret: probs.append('forward answer wrong')
            else:
                if plain(it['code'], it['answer']) != ret: probs.append('backward answer wrong')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                probs.append('error quote missing')
            if not check_error(e, it, ret, hist, lines):
                probs.append('planted error is not false: %s' % e['quote'])
            fwd_ok = None
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                if it['direction'] == 'forward':
                    if lit(it['answer']) != ret: probs.append('answer should stay right')
                elif plain(it['code'], it['answer']) != ret: probs.append('answer should stay right')
        status = 'PASS' if not probs else 'FAIL'
        if probs: bad += 1
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('items: %d, failures: %d' % (len(items), bad))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out[-5:]))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
