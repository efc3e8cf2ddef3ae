#!/usr/bin/env python3
"""Standalone checker for w51 narrations.jsonl: re-executes every program with sys.settrace
and checks each claim against the real execution.

Claim fields: quote, variable, value, what (value|count|comparison|return|arith|call), plus optional
  expr  - expression evaluated in the frame (default: variable)
  line  - 1-based source line; the claim is evaluated when that line is about to run
  hit   - which arrival at `line` (1-based); with line, pins the claim to one moment
  at    - index into the variable's de-duplicated value history (pins the k-th value)
  error - True on the one wrong claim of an error copy (must be FALSE at that point)
  carried - True on claims that an error carries forward (not checked)
Count claims: variable 'loop@line N' = number of times line N ran (N is a loop body line)."""
import ast, copy, json, sys, collections

def run_traced(code, call, watches, points):
    g = {'__name__': 'prog'}
    exec(compile(code, '<prog>', 'exec'), g)
    hist = collections.defaultdict(list)       # expr -> dedup history
    hits = collections.Counter()               # line -> count
    at_point = {}                              # (expr,line,hit) -> value
    def rec(frame):
        for ex in watches:
            try:
                v = eval(ex, frame.f_globals, frame.f_locals)
            except Exception:
                continue
            try:
                v = ast.literal_eval(repr(v))
            except Exception:
                v = repr(v)
            h = hist[ex]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            ln = frame.f_lineno
            hits[ln] += 1
            for (ex, l, k) in points:
                if l == ln and k == hits[ln]:
                    try:
                        v = eval(ex, frame.f_globals, frame.f_locals)
                        try:
                            v = ast.literal_eval(repr(v))   # snapshot: later mutation must not leak in
                        except Exception:
                            v = copy.deepcopy(v)
                        at_point[(ex, l, k)] = v
                    except Exception as e:
                        at_point[(ex, l, k)] = ('<err>', repr(e))
            rec(frame)
        elif event == 'return':
            rec(frame)
        return tracer
    sys.settrace(tracer)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, hits, at_point

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def plain_eval(code, call):
    g = {'__name__': 'prog'}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def check_item(it):
    probs = []
    code, call = it['code'], it['call']
    claims = it['claims']
    watches = sorted({c.get('expr') or c['variable'] for c in claims if c['what'] == 'value' and (c.get('expr') or c['variable'])}
                     | {c['held_expr'] for c in claims if c.get('held_expr')})
    points = set()
    for c in claims:
        if 'line' in c and 'hit' in c and c['what'] in ('value', 'comparison'):
            points.add((c.get('expr') or c['variable'], c['line'], c['hit']))
    res, hist, hits, at_point = run_traced(code, call, watches, points)
    if repr(res) != it['returned']:
        probs.append(f"returned {it['returned']} but run gives {res!r}")
    is_err = it['label'] == 'error'
    ekind = it['error']['kind'] if is_err else None
    # answer
    if it['direction'] == 'forward':
        ok = lit(it['answer']) == res and repr(lit(it['answer'])) == repr(res)
        if ekind == 'wrong_final_answer':
            if ok: probs.append('wrong_final_answer copy but answer is right')
        elif not ok and not (is_err and it['error'].get('carried')):
            probs.append(f"forward answer {it['answer']} != {res!r}")
    else:
        if not it['answer'].startswith(it['function'] + '(') and not it['answer'].startswith(it['call'].split('(')[0]):
            probs.append('backward answer does not call the function')
        got = plain_eval(code, it['answer'])
        ok = repr(got) == it['returned']
        if ekind == 'backward_wrong_input':
            if ok: probs.append('backward_wrong_input copy but call returns the output')
        elif not ok:
            probs.append(f"backward answer {it['answer']} returns {got!r}")
    nerr = 0
    for c in claims:
        if c.get('carried'):
            continue
        w = c['what']; want = lit(c['value']) if w != 'call' else c['value']
        ex = c.get('expr') or c['variable']
        err = bool(c.get('error'))
        nerr += err
        if w == 'value':
            h = hist.get(ex, [])
            if 'line' in c and 'hit' in c:
                actual = at_point.get((ex, c['line'], c['hit']), '<never reached>')
                true = actual == want
                where = f"at line {c['line']} hit {c['hit']} = {actual!r}"
            elif 'at' in c:
                actual = h[c['at']] if c['at'] < len(h) else '<none>'
                true = actual == want
                where = f"history[{c['at']}] = {actual!r}"
            elif c.get('seq'):
                n = len(want)
                true = any(h[i:i + n] == want for i in range(len(h) - n + 1))
                where = f"history {h!r}"
            else:
                true = want in h
                where = f"history {h!r}"
            if err:
                if true: probs.append(f"error claim {c['quote']!r} is actually true ({where})")
                held = it['error'].get('held_elsewhere')
                if held and not c.get('seq') and want not in h and not c.get('held_var'):
                    probs.append(f"held_elsewhere but {want!r} never held by {ex}: {h!r}")
                if not held and want in h and not ('line' in c or 'at' in c):
                    probs.append(f"error value {want!r} occurs in history")
            elif not true:
                probs.append(f"claim {c['quote']!r}: {ex} = {want!r} false; {where}")
        elif w == 'count':
            lab = c['variable']
            ln = c['line'] if 'line' in c else int(lab.split('line')[-1])
            actual = hits[ln]
            if err and it['error'].get('held_elsewhere'):
                if not c.get('held_expr') or want not in hist.get(c['held_expr'], []):
                    probs.append(f"held_elsewhere count {want} not held by {c.get('held_expr')}")
            if (actual == want) == err:
                probs.append(f"count claim {c['quote']!r}: stated {want}, line {ln} ran {actual} (error={err})")
        elif w in ('arith', 'comparison'):
            if 'line' in c and 'hit' in c:
                actual = at_point.get((ex, c['line'], c['hit']), '<never reached>')
            else:
                e2 = c.get('expr') or c['quote'].split('=')[0]
                actual = eval(e2, {})
            if (actual == want) == err:
                probs.append(f"{w} claim {c['quote']!r}: stated {want!r}, actual {actual!r} (error={err})")
        elif w == 'return':
            if (want == res) == err:
                probs.append(f"return claim {c['quote']!r}: stated {want!r}, actual {res!r}")
        elif w == 'call':
            got = plain_eval(code, c['value'])
            if (repr(got) == it['returned']) == err:
                probs.append(f"call claim {c['quote']!r} gives {got!r}")
        if c['quote'] not in it['rationale']:
            probs.append(f"quote not in rationale: {c['quote']!r}")
    if is_err:
        e = it['error']
        if e['quote'] not in it['rationale']:
            probs.append('error quote not in rationale')
        if ekind not in ('wrong_final_answer', 'backward_wrong_input') and nerr != 1:
            probs.append(f'error copy has {nerr} error claims')
    # rationale ends with an Answer/Predicted Output line
    last = it['rationale'].strip().splitlines()[-1]
    if not (last.startswith('Answer:') or last.startswith('Predicted Output:') or last.startswith('**Answer')):
        probs.append('last line is not an Answer line')
    return probs

def main(path='narrations.jsonl', out='check_report.txt'):
    items = [json.loads(l) for l in open(path)]
    lines, bad = [], 0
    for it in items:
        try:
            p = check_item(it)
        except Exception as e:
            p = [f'exception {e!r}']
        if p:
            bad += 1
            lines.append(f"FAIL {it['id']}")
            lines += ['    ' + x for x in p]
        else:
            lines.append(f"ok   {it['id']}  ({len(it['claims'])} claims)")
    c = collections.Counter
    lines.append('')
    lines.append(f'{len(items)} items, {len(items)-bad} pass, {bad} fail')
    for key in ('style', 'family', 'direction', 'label', 'kind'):
        lines.append(f'{key}: ' + json.dumps(dict(c(it[key] for it in items))))
    lines.append('error kinds: ' + json.dumps(dict(c(it['error']['kind'] for it in items if it['error']))))
    lines.append('held_elsewhere: ' + str(sum(1 for it in items if it['error'] and it['error'].get('held_elsewhere'))))
    ev = [it['trace_events'] for it in items if it['label'] == 'faithful']
    lines.append(f"trace events (faithful): <30: {sum(e<30 for e in ev)}, 30-100: {sum(30<=e<=100 for e in ev)}, >100: {sum(e>100 for e in ev)}, >200: {sum(e>200 for e in ev)}")
    open(out, 'w').write('\n'.join(lines) + '\n')
    print('\n'.join(l for l in lines if not l.startswith('ok')))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main(*sys.argv[1:]) else 0)
