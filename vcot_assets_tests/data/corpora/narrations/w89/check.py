#!/usr/bin/env python3
"""Standalone checker for w89 narrations: re-executes each program with sys.settrace,
records every variable's value history (per name, consecutive duplicates collapsed;
self.<attr> recorded too), counts line executions, and checks each claim.
Faithful items: every claim must hold. Error copies: the claims flagged wrong must be false
(and false at their point when "nth" is given), all other claims true."""
import ast, copy, json, sys

HERE = '/work/corpus/narrations/w89'


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist, lines, last = {}, {}, {}

    def record(name, val):
        h = hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) is not type(val):
            h.append(snap(val))

    def scan(frame):
        for k, v in frame.f_locals.items():
            if k.startswith('.'):
                continue
            if k == 'self':
                for a, av in vars(v).items():
                    record('self.' + a, av)
                continue
            if callable(v) and not isinstance(v, (list, dict, set, tuple)):
                continue
            record(k, v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        scan(frame)
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event == 'return':
            record('<return:' + frame.f_code.co_name + '>', arg)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, ns


def lit(s):
    return ast.literal_eval(s)


def check_claim(c, result, hist, lines, ns):
    """Return (ok, why)."""
    what = c['what']
    if what == 'value':
        var, val = c['variable'], lit(c['value'])
        if var is None:
            allv = [x for h in hist.values() for x in h]
            return (val in allv, 'no variable ever holds it')
        h = hist.get(var)
        if h is None:
            return False, f'unknown variable {var}'
        if 'nth' in c:
            n = c['nth']
            ok = n < len(h) and h[n] == val and type(h[n]) is type(val)
            return ok, f'{var} history[{n}] = {h[n] if n < len(h) else None!r}'
        return (any(x == val and type(x) is type(val) for x in h), f'{var} history {h!r}')
    if what == 'count':
        var = c['variable']
        if var.startswith('loop@line '):
            n = lines.get(int(var.split()[-1]), 0)
        else:
            n = len(hist.get(var, []))
        return n == lit(c['value']), f'count {n}'
    if what in ('arith', 'comparison'):
        expr = c.get('expr', c['quote'])
        got = eval(expr, {})
        return got == lit(c['value']), f'{expr} -> {got!r}'
    if what == 'return':
        return result == lit(c['value']), f'returned {result!r}'
    if what == 'call':
        r2 = run_only(c['code'], c['value'])
        return r2 == lit(c['output']), f'{c["value"]} -> {r2!r}'
    return False, 'unknown claim kind'


def run_only(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)


def main():
    progs = {json.loads(l)['id']: json.loads(l) for l in open(f'{HERE}/programs.jsonl') if l.strip()}
    items = [json.loads(l) for l in open(f'{HERE}/narrations.jsonl') if l.strip()]
    byid = {it['id']: it for it in items}
    out, fails = [], 0
    for it in items:
        p = progs[it['program_id']]
        errs = []
        result, hist, lines, ns = run(it['code'], it['call'])
        if it['code'] != p['code'] or it['call'] != p['call']:
            errs.append('code/call differ from programs.jsonl')
        if repr(result) != it['returned'] or p['returned'] != it['returned']:
            errs.append(f'returned mismatch {result!r} vs {it["returned"]}')
        if it['trace_events'] != p['events']:
            errs.append('trace_events mismatch')
        rat = it['rationale']
        last = rat.strip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            errs.append('last line is not the Answer line')
        # answer check
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == result
        else:
            try:
                ans_ok = run_only(it['code'], it['answer']) == result and it['answer'].startswith(it['function'] + '(') or \
                    (run_only(it['code'], it['answer']) == result and it['function'] in it['answer'])
            except Exception:
                ans_ok = False
        err = it.get('error')
        expect_ans_ok = not (err and err['kind'] in ('wrong_final_answer', 'backward_wrong_input'))
        if ans_ok != expect_ans_ok:
            errs.append(f'answer check gave {ans_ok}, expected {expect_ans_ok}')
        wrong_quotes = set()
        if err:
            if err['quote'] not in rat:
                errs.append('error quote not in rationale')
            wrong_quotes.add(err['quote'])
            f = byid.get(it['faithful_id'])
            if f is None:
                errs.append('faithful id missing')
        n_wrong = 0
        for c in it['claims']:
            if c['quote'] not in rat:
                errs.append(f'claim quote not in rationale: {c["quote"]!r}')
                continue
            ok, why = check_claim(c, result, hist, lines, ns)
            is_wrong = c.get('wrong', False)
            if is_wrong:
                n_wrong += 1
                if ok:
                    errs.append(f'error claim is actually TRUE: {c["quote"]!r} ({why})')
                if c.get('held_elsewhere'):
                    h = hist.get(c['variable'], [])
                    val = lit(c['value'])
                    if not any(x == val or (isinstance(x, (list, tuple)) and val in x) for x in h):
                        errs.append(f'held_elsewhere value never held by {c["variable"]}')
                    if 'nth' not in c and c['what'] == 'value':
                        errs.append('held_elsewhere value claim lacks nth (point check)')
            elif c.get('carried'):
                pass
            elif not ok:
                errs.append(f'claim false: {c["quote"]!r} ({why})')
        if err and err['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and n_wrong == 0:
            errs.append('error copy has no wrong claim')
        if not err and n_wrong:
            errs.append('faithful item has wrong claim')
        status = 'PASS' if not errs else 'FAIL'
        fails += bool(errs)
        out.append(f'{status} {it["id"]} ({len(it["claims"])} claims)' + ''.join('\n    - ' + e for e in errs))
    out.append(f'\n{len(items)} items, {len(items) - fails} pass, {fails} fail')
    text = '\n'.join(out)
    print(text)
    open(f'{HERE}/check_report.txt', 'w').write(text + '\n')
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
