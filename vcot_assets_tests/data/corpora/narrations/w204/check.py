#!/usr/bin/env python3
"""Standalone checker for w204 narrations: re-runs every call under sys.settrace and checks
returned values, every claim of faithful items, answers, and that each error copy's error is false."""
import json, sys, copy

def run(code, call):
    """Return (result, hist, lines): hist[var] = list of successive distinct values (deep copies),
    lines[lineno] = number of times that line executed, for frames of the program."""
    hist, lines, last = {}, {}, {}
    def snap(frame):
        fid = id(frame)
        items = dict(frame.f_locals)
        s = items.get('self')
        if s is not None and hasattr(s, '__dict__'):
            for k, v in vars(s).items():
                items['self.' + k] = v
        for k, v in items.items():
            if k == 'self':
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                continue
            key = (fid, k)
            if key not in last or last[key] != v2:
                last[key] = v2
                h = hist.setdefault(k, [])
                if not h or h[-1] != v2 or True:
                    h.append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            snap(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            snap(frame)
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return res, hist, lines

def plain(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def claim_ok(c, res, hist, lines, item):
    """True if the claim is true of the execution."""
    what, var = c['what'], c.get('variable')
    if what == 'call':
        return plain(item['code'], c['value']) == res
    val = eval(c['value'])
    if what == 'value':
        h = hist.get(var, [])
        if c.get('seq'):
            st = c.get('start')
            n = len(val)
            if st is not None:
                return h[st:st + n] == list(val)
            return any(h[i:i + n] == list(val) for i in range(len(h)))
        if 'indices' in c:
            return [h[i] for i in c['indices'] if i < len(h)] == list(val)
        if 'index' in c:
            return len(h) > c['index'] and h[c['index']] == val
        return val in h
    if what == 'count':
        if '@line' not in var:  # loop variable: number of values it took
            return len(hist.get(var, [])) == val
        line = int(var.split('@line')[1])
        return lines.get(line, 0) == val
    if what in ('arith', 'comparison'):
        return eval(c['expr']) == val
    if what == 'return':
        return val == res
    if what == 'call':
        return plain(item['code'], c['value']) == res
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl', encoding='utf-8') if l.strip()]
    bad, report = 0, []
    for it in items:
        errs = []
        res, hist, lines = run(it['code'], it['call'])
        if repr(res) != it['returned']:
            errs.append(f"returned mismatch {res!r} vs {it['returned']}")
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append(f"quote not in rationale: {c['quote']!r}")
        last_line = it['rationale'].rstrip().splitlines()[-1]
        if it['answer'] not in last_line:
            errs.append('answer not in last line')
        if it['direction'] == 'forward':
            ans_ok = eval(it['answer']) == res
        else:
            ans_ok = it['answer'].startswith(it['function'] + '(') or it['function'] in it['answer']
            ans_ok = ans_ok and plain(it['code'], it['answer']) == res
        wrong_idx = set()
        if it['label'] == 'error':
            e = it['error']
            wrong_idx = set(e.get('claim_idx', []))
            if e['quote'] not in it['rationale']:
                errs.append('error quote not in rationale')
            if e['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    errs.append('error answer is actually right')
            elif not ans_ok:
                errs.append('answer wrong in non-answer error copy')
            for i in wrong_idx:
                c = it['claims'][i]
                if claim_ok(c, res, hist, lines, it):
                    errs.append(f'error claim is true: {c}')
                if e.get('held_elsewhere'):
                    v = eval(c['value'])
                    if c['what'] == 'value' and (c.get('seq') or 'indices' in c):
                        if not all(x in hist.get(c['variable'], []) for x in v):
                            errs.append('held_elsewhere value never held')
                    elif c['what'] == 'value':
                        if v not in hist.get(c['variable'], []):
                            errs.append('held_elsewhere value never held')
                    elif c['what'] == 'arith':
                        if not any(v in h for h in hist.values()):
                            errs.append('held_elsewhere arith value never held by any variable')
            if e['kind'] == 'impossible_state':
                for i in wrong_idx:
                    c = it['claims'][i]
                    if eval(c['value']) in hist.get(c['variable'], []):
                        errs.append('impossible_state value is held')
        else:
            if not ans_ok:
                errs.append('faithful answer wrong')
        for i, c in enumerate(it['claims']):
            if i in wrong_idx:
                continue
            try:
                if not claim_ok(c, res, hist, lines, it):
                    errs.append(f'false claim: {c}')
            except Exception as ex:
                errs.append(f'claim error {c}: {ex!r}')
        status = 'PASS' if not errs else 'FAIL'
        bad += bool(errs)
        report.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + ''.join('\n    ' + x for x in errs))
    report.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    out = '\n'.join(report)
    open('check_report.txt', 'w').write(out + '\n')
    print(out)
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
