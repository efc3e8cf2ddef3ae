#!/usr/bin/env python3
"""Standalone checker for w23 narrations: re-executes each program with sys.settrace,
records per-frame local snapshots, line hit counts and return values, then checks
claims, answers and the planted errors. Usage: python3 check.py [narrations.jsonl]"""
import sys, json, ast, copy, re
from collections import Counter, defaultdict

FN = '<w23prog>'

def run_traced(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    snaps, lines, rets = [], Counter(), defaultdict(list)
    seq = []          # (frame serial, lineno) of every line event, in order
    serial = {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == 'call':
            serial[id(frame)] = len(serial) + 1000 * len(seq)
        if event == 'line':
            seq.append((serial.get(id(frame)), frame.f_lineno))
        if event in ('line', 'return'):
            try:
                snap = copy.deepcopy(dict(frame.f_locals))
            except Exception:
                snap = dict(frame.f_locals)
            snaps.append((frame.f_code.co_name, frame.f_lineno, snap))
            if event == 'line':
                lines[frame.f_lineno] += 1
            else:
                rets[frame.f_code.co_name].append(copy.deepcopy(arg))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, snaps, (lines, seq, code), rets

def loop_iterations(code, seq, header):
    """Iterations of the for/while loop whose header is on line `header`: the number of
    times, within one frame, a header line event is followed by a line event inside the body."""
    node = None
    for n in ast.walk(ast.parse(code)):
        if isinstance(n, (ast.For, ast.While)) and n.lineno == header:
            node = n
    if node is None:
        return None
    lo, hi = node.body[0].lineno, node.end_lineno
    last = {}
    count = 0
    for fs, ln in seq:
        prev = last.get(fs)
        if prev == header and lo <= ln <= hi:
            count += 1
        last[fs] = ln
    return count

def plain_eval(code, call):
    ns = {}
    exec(compile(code, FN + 'b', 'exec'), ns)
    return eval(call, ns)

def lit(v):
    try:
        return ast.literal_eval(v)
    except Exception:
        return v

def check_claim(c, ex, result):
    """Return (ok, detail)."""
    snaps, lines, rets = ex
    what, var, val = c['what'], c.get('variable'), lit(c['value'])
    q = c['quote'].replace('`', '')
    if what == 'value':
        if var is None:
            return False, 'value claim without variable'
        for _, _, s in snaps:
            try:
                if eval(var, {}, dict(s)) == val:
                    return True, ''
            except Exception:
                pass
        return False, f'{var} never equals {val!r}'
    if what == 'count':
        m = re.match(r'loop@line (\d+)', var or '')
        if not m:
            return False, 'bad count label'
        lines_, seq, code = lines
        n = loop_iterations(code, seq, int(m.group(1)))
        return (n == val), f'loop at line {m.group(1)} ran {n} times, claim {val}'
    if what == 'comparison':
        expr = re.sub(r'\s+is\s+(true|false)\b.*$', '', q, flags=re.I)
        expr = re.sub(r'\s+(still holds|holds|fails|passes)$', '', expr)
        try:
            got = bool(eval(expr, {}, {}))
        except Exception as e:
            return None, f'cannot eval comparison {expr!r}: {e}'
        return (got == bool(val)), f'{expr} is {got}'
    if what == 'arith':
        m = re.match(r'^(.*?)\s*(?:=|is|gives|->)\s*([^=]+)$', q)
        if not m:
            return None, f'cannot parse arith {q!r}'
        lhs = re.sub(r',?\s*which$', '', m.group(1).replace('×', '*'))
        try:
            got = eval(lhs, {}, {})
        except Exception as e:
            return None, f'cannot eval {lhs!r}: {e}'
        return (got == val), f'{lhs} = {got!r}, claim {val!r}'
    if what == 'return':
        fn = var or None
        pool = rets.get(fn, []) if fn else [result]
        return (val in pool), f'returns of {fn}: {pool!r}'
    if what == 'call':
        return True, ''
    return False, f'unknown what {what}'

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {it['id']: it for it in items}
    out, bad = [], 0
    cache = {}
    for it in items:
        probs = []
        key = (it['code'], it['call'])
        if key not in cache:
            cache[key] = run_traced(it['code'], it['call'])
        result, *rest = cache[key]
        ex = tuple(rest)
        if repr(result) != it['returned']:
            probs.append(f'returned mismatch {result!r} vs {it["returned"]}')
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']) and \
           ('Answer: ' + it['answer']) not in it['rationale'] and \
           ('Predicted Output: ' + it['answer']) not in it['rationale']:
            probs.append('answer line not found in rationale')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append(f'quote not in rationale: {c["quote"]!r}')
        err = it.get('error')
        # answer check
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == result
        else:
            try:
                ans_ok = plain_eval(it['code'], it['answer']) == result
            except Exception:
                ans_ok = False
        if it['label'] == 'faithful':
            if not ans_ok:
                probs.append(f'answer wrong: {it["answer"]}')
            for c in it['claims']:
                ok, d = check_claim(c, ex, result)
                if not ok:
                    probs.append(f'false claim {c["quote"]!r}: {d}')
        else:
            if it.get('faithful_id') not in byid:
                probs.append('faithful_id missing')
            k = err['kind']
            if err['quote'] not in it['rationale']:
                probs.append('error quote not in rationale')
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('planted wrong answer is actually right')
                if k == 'backward_wrong_input' and it['direction'] != 'backward':
                    probs.append('backward_wrong_input on forward item')
            else:
                if not ans_ok and not err.get('carried'):
                    probs.append('answer wrong in an error copy that should keep it')
                ec = [c for c in it['claims'] if c['quote'] == err['quote']]
                if not ec:
                    probs.append('no claim for error quote')
                for c in ec:
                    ok, d = check_claim(c, ex, result)
                    if ok is None:
                        probs.append(f'planted error not checkable: {d}')
                    elif ok and c['what'] in ('arith', 'count', 'comparison', 'return'):
                        probs.append(f'planted error is true: {d}')
                    elif ok and k == 'impossible_state':
                        probs.append(f'impossible_state value does occur: {d}')
                    elif ok:
                        # point-specific value error: the value occurs elsewhere in the run;
                        # require stated != actual and the actual value to be real
                        if lit(err['stated']) == lit(err['actual']):
                            probs.append('stated == actual')
                        else:
                            ac = dict(c, value=err['actual'])
                            ok2, d2 = check_claim(ac, ex, result)
                            if not ok2:
                                probs.append(f'actual not real: {d2}')
                for c in it['claims']:
                    if c['quote'] == err['quote'] or err.get('carried'):
                        continue
                    ok, d = check_claim(c, ex, result)
                    if not ok:
                        probs.append(f'non-error claim false {c["quote"]!r}: {d}')
        status = 'PASS' if not probs else 'FAIL'
        bad += bool(probs)
        out.append(f'{status} {it["id"]} ({len(it["claims"])} claims)' + ''.join('\n    - ' + p for p in probs))
    out.append(f'\n{len(items)} items, {len(items)-bad} pass, {bad} fail')
    print('\n'.join(out))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
