#!/usr/bin/env python3
"""Standalone checker for w215 narrations: re-runs each call under sys.settrace and checks claims."""
import json, sys, ast

def run_traced(code, call):
    hist = {}      # var -> list of values (consecutive duplicates dropped)
    lines = {}     # (func, line) -> hits
    def snap(frame):
        loc = dict(frame.f_locals)
        items = []
        for k, v in loc.items():
            if k == 'self':
                for a, av in getattr(v, '__dict__', {}).items():
                    items.append(('self.' + a, av))
            else:
                items.append((k, v))
        for k, v in items:
            try:
                r = repr(v)
                if '<' in r and 'object' in r: continue
                val = ast.literal_eval(r)
            except Exception:
                continue
            h = hist.setdefault(k, [])
            if not h or h[-1] != val:
                h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event in ('line', 'return'):
            snap(frame)
        if event == 'line':
            key = (frame.f_code.co_name, frame.f_lineno)
            lines[key] = lines.get(key, 0) + 1
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<prog>', 'eval'), g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def line_hits(lines, ln):
    return sum(v for (f, l), v in lines.items() if l == ln and not f.startswith('<'))

def plain_eval(code, call):
    g = {}
    exec(code, g)
    return eval(call, g)

def check_claim(c, ret, hist, lines):
    w = c['what']; val = ast.literal_eval(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if 'at' in c:
            return h[c['at']] == val if c['at'] < len(h) else False
        if c.get('seq'):
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h) - n + 1))
        return val in h
    if w == 'count':
        return line_hits(lines, c['line']) == val
    if w in ('arith', 'comparison'):
        return eval(c['expr']) == val
    if w == 'return':
        return val == ret
    if w == 'call':
        return True
    return False

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    out = []; fails = 0
    for it in items:
        errs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            errs.append('returned mismatch %r' % (ret,))
        rat = it['rationale']
        for c in it['claims']:
            if c['quote'] not in rat:
                errs.append('quote not in rationale: %r' % c['quote'])
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not check_claim(c, ret, hist, lines):
                    errs.append('false claim: %r' % c)
            if it['direction'] == 'forward':
                if ast.literal_eval(it['answer']) != ret: errs.append('forward answer wrong')
            else:
                if plain_eval(it['code'], it['answer']) != ret: errs.append('backward answer wrong')
        else:
            e = it['error']; k = e['kind']
            if e['quote'] not in rat: errs.append('error quote missing')
            # all other claims true
            for c in it['claims']:
                if c.get('is_error'): continue
                if not check_claim(c, ret, hist, lines):
                    errs.append('false non-error claim: %r' % c)
            ec = [c for c in it['claims'] if c.get('is_error')]
            if k == 'wrong_final_answer':
                if ast.literal_eval(it['answer']) == ret: errs.append('final answer not wrong')
            elif k == 'backward_wrong_input':
                try: r2 = plain_eval(it['code'], it['answer'])
                except Exception: r2 = object()
                if r2 == ret: errs.append('backward answer not wrong')
            else:
                if not ec: errs.append('no error claim')
                for c in ec:
                    if check_claim(c, ret, hist, lines): errs.append('error claim is true: %r' % c)
                    if k == 'impossible_state' and ast.literal_eval(c['value']) in hist.get(c['variable'], []):
                        errs.append('impossible_state value occurs')
                    if e.get('held_elsewhere'):
                        if ast.literal_eval(c['value']) not in hist.get(c['variable'], []):
                            errs.append('held_elsewhere value never held')
            # answer correctness for non-answer errors
            if k not in ('wrong_final_answer', 'backward_wrong_input'):
                if it['direction'] == 'forward' and ast.literal_eval(it['answer']) != ret: errs.append('answer wrong')
                if it['direction'] == 'backward' and plain_eval(it['code'], it['answer']) != ret: errs.append('answer wrong')
        status = 'PASS' if not errs else 'FAIL'
        if errs: fails += 1
        out.append('%s %s %s' % (status, it['id'], '; '.join(errs)))
    out.append('TOTAL %d items, %d failures' % (len(items), fails))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
