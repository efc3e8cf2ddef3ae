"""Standalone checker for w251 narrations: re-executes each program with sys.settrace
(no trace script, no tool code) and verifies returned values, claims, answers and errors."""
import ast, builtins, copy, json, sys, types

PROG = '<w251prog>'

def run(code, call):
    mod = types.ModuleType('w251prog')
    exec(compile(code, PROG, 'exec'), mod.__dict__)
    snaps = []  # (event, func, line, flat locals)

    def flat(loc):
        out = {}
        for k, v in loc.items():
            try:
                out[k] = copy.deepcopy(v)
            except Exception:
                out[k] = v
            if getattr(type(v), '__module__', None) == 'w251prog' and hasattr(v, '__dict__'):
                for a, av in vars(v).items():
                    out[f'{k}.{a}'] = copy.deepcopy(av)
        return out

    def tr(frame, event, arg):
        if frame.f_code.co_filename != PROG:
            return None
        if event in ('line', 'return'):
            snaps.append((event, frame.f_code.co_name, frame.f_lineno, flat(frame.f_locals)))
        return tr
    sys.settrace(tr)
    try:
        result = eval(call, mod.__dict__)
    finally:
        sys.settrace(None)
    return mod, result, snaps

G = {'__builtins__': builtins}

def ev(expr, loc):
    try:
        return True, eval(expr, G, dict(loc))
    except Exception:
        return False, None

def history(snaps, name, func=None):
    seq = []
    for _, fn, _, loc in snaps:
        if func and fn != func:
            continue
        ok, v = ev(name, loc) if not name.replace('.', '').replace('_', '').isalnum() else (name in loc, loc.get(name))
        if not ok or v is None:
            continue
        if not seq or seq[-1] != v:
            seq.append(v)
    return seq

def at_line(snaps, name, line, func=None):
    out = []
    for evn, fn, ln, loc in snaps:
        if evn == 'line' and ln == line and (not func or fn == func):
            ok, v = ev(name, loc)
            if ok:
                out.append(v)
    return out

def count(snaps, line):
    return sum(1 for evn, _, ln, _ in snaps if evn == 'line' and ln == line)

def all_values(snaps):
    vals = []
    for _, _, _, loc in snaps:
        vals.extend(loc.values())
    return vals

def check_claim(c, it, mod, result, snaps):
    val = ast.literal_eval(c['value'])
    w = c['what']
    name = c.get('expr') or c.get('variable')
    if w == 'value':
        if c.get('index') is not None:
            s = at_line(snaps, name, c['at_line'], c.get('func'))
            return len(s) > c['index'] and s[c['index']] == val, s
        if c.get('seq'):
            if c.get('at_line'):
                s = at_line(snaps, name, c['at_line'], c.get('func'))
            else:
                s = history(snaps, name, c.get('func'))
            if c.get('slice'):
                s = s[c['slice'][0]:c['slice'][1]]
            return s == val, s
        h = history(snaps, name, c.get('func'))
        return val in h, h
    if w == 'count':
        n = count(snaps, int(c['variable'].split('line')[1]))
        return n == val, n
    if w in ('arith', 'comparison'):
        ok, v = ev(c['expr'], {})
        return ok and v == val and type(v) == type(val), v
    if w == 'return':
        return result == val, result
    if w == 'call':
        if c.get('expr'):
            for _, _, _, loc in snaps:
                ok, v = ev(c['expr'], loc)
                if ok:
                    return v == val, v
            return False, None
        call = c['quote'].split('Answer:')[-1].strip()
        _, r, _ = run(it['code'], call)
        return r == val, r
    return False, 'unknown claim kind'

def lit(s):
    try:
        return True, ast.literal_eval(s)
    except Exception:
        return False, None

def main():
    items = [json.loads(l) for l in open('/work/corpus/narrations/w251/narrations.jsonl')]
    lines, bad = [], 0
    ids = set()
    for it in items:
        probs = []
        if it['id'] in ids:
            probs.append('duplicate id')
        ids.add(it['id'])
        mod, result, snaps = run(it['code'], it['call'])
        if repr(result) != it['returned']:
            probs.append(f"returned {result!r} != {it['returned']}")
        err = it['error']
        errclaim = None
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append(f"quote not in rationale: {c['quote']!r}")
            if err and (c['quote'] == err['quote'] or err['quote'] in c['quote'] or c['quote'] in err['quote']):
                errclaim = c
                ok, got = check_claim(c, it, mod, result, snaps)
                if ok:
                    probs.append(f"error claim is actually TRUE: {c['quote']!r}")
                continue
            ok, got = check_claim(c, it, mod, result, snaps)
            if not ok:
                probs.append(f"claim false: {c['quote']!r} value {c['value']} got {got!r}")
        # answers
        if it['direction'] == 'forward':
            ok, a = lit(it['answer'])
            right = ok and a == result
            if it['label'] == 'faithful' or (err and err['kind'] != 'wrong_final_answer' and not err.get('carried')):
                if not right:
                    probs.append(f"forward answer {it['answer']} != {result!r}")
        else:
            _, r, _ = run(it['code'], it['answer'])
            if it['label'] == 'faithful' or err['kind'] != 'backward_wrong_input':
                if r != result:
                    probs.append(f"backward answer {it['answer']} returns {r!r}")
        if err:
            if err['quote'] not in it['rationale']:
                probs.append('error quote missing')
            k = err['kind']
            if k == 'wrong_final_answer':
                ok, a = lit(it['answer'])
                if ok and a == result:
                    probs.append('wrong_final_answer is right')
            elif k == 'backward_wrong_input':
                _, r, _ = run(it['code'], it['answer'])
                if r == result:
                    probs.append('backward_wrong_input actually returns output')
            elif k in ('wrong_arithmetic', 'branch_not_taken'):
                ok, v = ev(err['expr'], {})
                oks, st = lit(err['stated'])
                if not (ok and v == lit(err['actual'])[1] and v != st):
                    probs.append(f"{k}: expr {err['expr']} = {v!r}")
            elif k == 'off_by_one_loop_count':
                n = count(snaps, err['loop_line'])
                if not (n == int(err['actual']) and abs(int(err['stated']) - n) == 1):
                    probs.append(f"off_by_one: count {n}")
            else:
                oks, st = lit(err['stated'])
                if not oks:
                    st = ast.literal_eval(errclaim['value']) if errclaim else None
                if err.get('at_line'):
                    pts = at_line(snaps, err['expr'], err['at_line'])
                    point = pts[err['k']]
                    pool = pts
                else:
                    h = history(snaps, err['variable'])
                    point = h[err['k']]
                    pool = all_values(snaps)
                oka, act = lit(err['actual'])
                if point == st:
                    probs.append(f"{k}: stated value {st!r} is true at that point")
                if oka and point != act:
                    probs.append(f"{k}: actual {act!r} != value at point {point!r}")
                if k == 'impossible_state' and st in all_values(snaps):
                    probs.append('impossible_state value occurs in run')
            if err.get('held_elsewhere'):
                oks, st = lit(err['stated'])
                pool = all_values(snaps) + (at_line(snaps, err['expr'], err['at_line']) if err.get('at_line') else [])
                if st not in pool:
                    probs.append('held_elsewhere but value never held')
            if errclaim is None and k not in ('wrong_final_answer', 'backward_wrong_input'):
                probs.append('no claim carries the error')
        status = 'OK ' if not probs else 'FAIL'
        bad += bool(probs)
        lines.append(f"{status} {it['id']} ({it['direction']}, {it['style']}, {it['family']}, events={it['trace_events']}, claims={len(it['claims'])}"
                     + (f", error={err['kind']}" if err else '') + ")")
        lines += ['     - ' + p for p in probs]
    lines.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    out = '\n'.join(lines)
    open('/work/corpus/narrations/w251/check_report.txt', 'w').write(out + '\n')
    print(out)
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
