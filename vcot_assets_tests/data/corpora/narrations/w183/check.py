#!/usr/bin/env python3
"""Standalone checker for w183 narrations: re-executes every call under sys.settrace,
records each variable's value history and per-line hit counts, and checks claims/answers."""
import ast, copy, json, re, sys

def run_traced(code, call):
    hist, hits = {}, {}
    def record(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = repr(val)
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in getattr(v, '__dict__', {}).items():
                    record('self.' + a, av)
            elif not callable(v) or isinstance(v, (list, dict, tuple, set)):
                if type(v).__module__ == 'builtins':
                    record(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, hits

def plain_eval(code, call):
    ns = {}
    exec(compile(code, '<prog2>', 'exec'), ns)
    return eval(call, ns)

def claim_true(c, hist, hits, result, code):
    what = c['what']
    if what == 'value':
        val = ast.literal_eval(c['value'])
        h = hist.get(c['variable'])
        if h is None:
            return False, f"no variable {c['variable']}"
        if c.get('seq'):
            n = len(val)
            if 'at' in c:
                return h[c['at']:c['at'] + n] == val, f"{c['variable']}[{c['at']}:] = {h[c['at']:c['at'] + n]!r}"
            return any(h[k:k + n] == val for k in range(len(h))), f"history {h!r}"
        if 'at' in c:
            ok = c['at'] < len(h) and h[c['at']] == val
            return ok, f"{c['variable']}[{c['at']}]={h[c['at']] if c['at'] < len(h) else None!r}"
        return val in h, f"history {h!r}"
    if what == 'count':
        m = re.match(r'loop@line (\d+)', c['variable'])
        n = hits.get(int(m.group(1)), 0)
        return n == ast.literal_eval(c['value']), f"loop body ran {n}"
    if what in ('arith', 'comparison'):
        got = eval(c['expr'])
        return got == ast.literal_eval(c['value']), f"{c['expr']} -> {got!r}"
    if what == 'return':
        return ast.literal_eval(c['value']) == result, f"returned {result!r}"
    if what == 'call':
        got = plain_eval(code, c['value'])
        return got == result, f"{c['value']} -> {got!r}"
    return False, 'unknown claim kind'

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    progs = {json.loads(l)['id']: json.loads(l) for l in open('programs.jsonl') if l.strip()}
    bad = 0
    lines = []
    for it in items:
        errs = []
        prog = progs[it['program_id']]
        if prog['code'] != it['code'] or prog['call'] != it['call']:
            errs.append('code/call differs from programs.jsonl')
        result, hist, hits = run_traced(it['code'], it['call'])
        if repr(result) != it['returned']:
            errs.append(f"returned {it['returned']} != {result!r}")
        last = it['rationale'].rstrip().splitlines()[-1]
        if last.strip() != 'Answer: ' + it['answer'] and not last.strip().endswith(it['answer']):
            errs.append('last line does not hold answer')
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == result
        else:
            if not it['answer'].startswith(it['function'] + '('):
                errs.append('backward answer does not call function')
            ans_ok = plain_eval(it['code'], it['answer']) == result
        err = it['error']
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append(f"quote not in rationale: {c['quote']!r}")
            ok, why = claim_true(c, hist, hits, result, it['code'])
            is_err_claim = err is not None and c['quote'] == err['quote'] and c.get('error')
            if is_err_claim:
                if ok:
                    errs.append(f"error claim is actually true: {c['quote']!r} ({why})")
                if err['kind'] == 'impossible_state' and c['what'] == 'value':
                    if ast.literal_eval(c['value']) in (hist.get(c['variable']) or []):
                        errs.append('impossible_state value does occur in the run')
                if err.get('held_elsewhere'):
                    if c['what'] == 'value' or c['what'] == 'arith':
                        v = ast.literal_eval(err['stated'])
                        pool = hist.get(c['variable']) or []
                        if v not in pool:
                            errs.append(f"held_elsewhere but {v!r} never held by {c['variable']}")
                        if c['what'] == 'value' and 'at' not in c:
                            errs.append('held_elsewhere value claim lacks position')
                    elif c['what'] == 'count':
                        pass
            elif c.get('carried'):
                pass
            elif not ok:
                errs.append(f"claim false: {c['quote']!r} ({why})")
        if it['label'] == 'faithful':
            if not ans_ok:
                errs.append('faithful answer wrong')
            if err is not None:
                errs.append('faithful item has error')
        else:
            if err['quote'] not in it['rationale']:
                errs.append('error quote missing from rationale')
            k = err['kind']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    errs.append('wrong answer is actually right')
                if k == 'backward_wrong_input' and it['direction'] != 'backward':
                    errs.append('backward_wrong_input on forward item')
                if k == 'wrong_final_answer' and it['direction'] != 'forward':
                    errs.append('wrong_final_answer on backward item')
            else:
                if not ans_ok and not err.get('carried'):
                    errs.append('answer wrong in non-answer error copy')
                if not any(c.get('error') for c in it['claims']):
                    errs.append('no claim marked as the error')
            fid = it['faithful_id']
            if not any(x['id'] == fid for x in items):
                errs.append('faithful_id missing')
        status = 'PASS' if not errs else 'FAIL'
        bad += bool(errs)
        lines.append(f"{status} {it['id']} ({it['label']}{'/' + it['error']['kind'] if it['error'] else ''})")
        for e in errs:
            lines.append('    ' + e)
    lines.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    out = '\n'.join(lines)
    print(out)
    open('check_report.txt', 'w').write(out + '\n')
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
