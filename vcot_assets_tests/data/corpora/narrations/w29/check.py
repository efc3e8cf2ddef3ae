#!/usr/bin/env python3
"""Standalone checker for w29 narrations: re-executes each program with sys.settrace,
records per-variable value histories and line hit counts, and checks every claim."""
import ast, copy, json, re, sys

def run_traced(code, call):
    hist, lines = {}, {}
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist.setdefault(name, [])
        if not h or h[-1] != v:
            h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in getattr(v, '__dict__', {}).items():
                    rec('self.' + a, av)
            elif not callable(v) and not isinstance(v, type):
                rec(k, v)
        if event == 'return':
            rec('<return:%s>' % frame.f_code.co_name, arg)
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, '<call>', 'eval'), ns)
    finally:
        sys.settrace(None)
    return result, hist, lines

def plain_call(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def strip_q(s):
    return s.replace('`', '').strip()

def check_claim(c, item, result, hist, lines):
    what = c['what']
    val = ast.literal_eval(c['value'])
    if what == 'value':
        var = c['variable']
        if c.get('each'):
            return all(x in hist.get(var, []) for x in val)
        if var is None:
            return any(val in h for h in hist.values())
        return val in hist.get(var, [])
    if what == 'count':
        m = re.match(r'loop@line (\d+)', c['variable'])
        return lines.get(int(m.group(1)), 0) == val
    if what in ('comparison', 'arith'):
        expr = c.get('expr') or strip_q(c['quote'])
        if what == 'arith' and 'expr' not in c:
            expr = expr.split('=')[0] if '==' not in expr else expr
        return eval(expr, {}) == val
    if what == 'return':
        return val == result
    if what == 'call':
        return plain_call(item['code'], val) == result
    raise ValueError(what)

def main(path):
    items = [json.loads(l) for l in open(path)]
    by_id = {it['id']: it for it in items}
    bad = 0
    out = []
    for it in items:
        probs = []
        result, hist, lines = run_traced(it['code'], it['call'])
        if repr(result) != it['returned']:
            probs.append('returned mismatch %r' % (result,))
        rat = it['rationale']
        last = rat.strip().splitlines()[-1]
        if it['answer'] not in last:
            probs.append('answer not in last line')
        for c in it['claims']:
            if c['quote'] not in rat:
                probs.append('quote missing: %r' % c['quote'])
        err = it['error']
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == result
        else:
            try:
                ans_ok = plain_call(it['code'], it['answer']) == result
            except Exception:
                ans_ok = False
        if it['label'] == 'faithful':
            if not ans_ok:
                probs.append('answer wrong')
            for c in it['claims']:
                try:
                    ok = check_claim(c, it, result, hist, lines)
                except Exception as e:
                    ok = False
                if not ok:
                    probs.append('false claim: %r' % c['quote'])
        else:
            if it['faithful_id'] not in by_id:
                probs.append('no faithful')
            if err['quote'] not in rat:
                probs.append('error quote missing')
            if err['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('error answer is actually right')
            else:
                if not ans_ok:
                    probs.append('answer wrong in non-answer error copy')
            found_err = False
            for c in it['claims']:
                try:
                    ok = check_claim(c, it, result, hist, lines)
                except Exception:
                    ok = False
                if c['quote'] == err['quote'] or (err['quote'] in c['quote']) or (c['quote'] in err['quote']):
                    if ok:
                        if err['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                            probs.append('error claim is true: %r' % c['quote'])
                    else:
                        found_err = True
                elif not ok and not err.get('carried'):
                    probs.append('other false claim: %r' % c['quote'])
            if err['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and not found_err:
                probs.append('error claim not found false')
        status = 'OK' if not probs else 'FAIL'
        if probs:
            bad += 1
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('items=%d failures=%d' % (len(items), bad))
    print('\n'.join(out))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
