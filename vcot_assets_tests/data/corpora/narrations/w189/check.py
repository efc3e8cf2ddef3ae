#!/usr/bin/env python3
"""Standalone checker for w189 narrations: runs each program with sys.settrace, records
per-variable value histories and per-line hit counts, and checks every claim.
Usage: python3 check.py narrations.jsonl > check_report.txt"""
import ast, copy, json, sys

def run_traced(code, call):
    hist = {}      # var -> list of distinct consecutive values (deep copies)
    lines = {}     # line_no -> hits
    def snap(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def record(frame):
        for k, v in list(frame.f_locals.items()):
            if callable(v) and not hasattr(v, '__dict__'):
                continue
            if hasattr(v, '__dict__') and not isinstance(v, type):
                for a, av in vars(v).items():
                    snap(f"{k}.{a}", av)
                continue
            if isinstance(v, type) or callable(v):
                continue
            snap(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        record(frame)
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<call>', 'eval'), g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_call(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(compile(call, '<call>', 'eval'), g)

def check_claim(c, ret, hist, lines):
    """Return (ok, why). ok=True means the claim is true of the execution."""
    what = c['what']
    val = ast.literal_eval(c['value'])
    if what == 'value':
        h = hist.get(c['variable'])
        if h is None:
            return False, f"no variable {c['variable']}"
        if 'nth' in c:
            n = c['nth']
            if n >= len(h):
                return False, f"{c['variable']} history too short ({len(h)})"
            return (h[n] == val), f"{c['variable']}[{n}]={h[n]!r} vs {val!r}"
        return (val in h), f"{c['variable']} history {h!r} vs {val!r}"
    if what == 'count':
        ln = int(c['line'])
        got = lines.get(ln, 0) + int(c.get('offset', 0))
        return got == val, f"line {ln} hits {got} vs {val!r}"
    if what in ('comparison', 'arith'):
        got = eval(c['expr'])
        return got == val, f"{c['expr']} = {got!r} vs {val!r}"
    if what == 'return':
        return ret == val, f"returned {ret!r} vs {val!r}"
    if what == 'call':
        return True, 'call checked separately'
    return False, f"unknown what {what}"

def main(path):
    items = [json.loads(l) for l in open(path, encoding='utf-8') if l.strip()]
    by_id = {it['id']: it for it in items}
    fails = 0
    out = []
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append(f"returned {ret!r} != {it['returned']}")
        rat = it['rationale']
        last = rat.rstrip().splitlines()[-1]
        if not last.startswith('Answer:') and not last.startswith('Predicted Output:'):
            probs.append('last line not an Answer line')
        if it['answer'] not in last:
            probs.append('answer not in last line')
        for c in it['claims']:
            if c['quote'] not in rat:
                probs.append(f"claim quote not in rationale: {c['quote']!r}")
                continue
            ok, why = check_claim(c, ret, hist, lines)
            if c.get('is_error'):
                if ok:
                    probs.append(f"error claim is actually TRUE: {why}")
                if it['error'].get('held_elsewhere') and (c['what'] == 'value' or 'held_var' in c):
                    hv = c.get('held_var', c['variable'])
                    if ast.literal_eval(c['value']) not in hist.get(hv, []):
                        probs.append(f"held_elsewhere but value never held by {hv}")
            elif not ok:
                probs.append(f"false claim {c['quote']!r}: {why}")
        # answer
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == ret
        else:
            try:
                ans_ok = repr(plain_call(it['code'], it['answer'])) == it['returned']
            except Exception as e:
                ans_ok = False
        if it['label'] == 'faithful':
            if it['error'] is not None or it['faithful_id'] is not None:
                probs.append('faithful item with error/faithful_id')
            if not ans_ok:
                probs.append(f"answer wrong: {it['answer']}")
            if any(c.get('is_error') for c in it['claims']):
                probs.append('faithful has error claim')
        else:
            e = it['error']
            f = by_id.get(it['faithful_id'])
            if f is None:
                probs.append('missing faithful')
            if e['quote'] not in rat:
                probs.append('error quote not in rationale')
            if e['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('error answer is actually right')
            else:
                if not ans_ok:
                    probs.append('answer wrong in non-answer error copy')
                if not any(c.get('is_error') for c in it['claims']):
                    probs.append('no error claim')
            if e['kind'] == 'backward_wrong_input' and it['direction'] != 'backward':
                probs.append('backward_wrong_input on forward item')
            if e['kind'] == 'wrong_final_answer' and it['direction'] != 'forward':
                probs.append('wrong_final_answer on backward item')
        status = 'PASS' if not probs else 'FAIL'
        if probs:
            fails += 1
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + ''.join('\n    - ' + p for p in probs))
    print('\n'.join(out))
    print(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    return fails

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
