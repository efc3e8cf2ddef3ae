"""Standalone checker for w400 narrations: runs every program with sys.settrace,
records per-variable value histories, and checks claims / answers / errors."""
import ast, json, re, sys, copy

def run_traced(code, call):
    hist = {}      # name -> list of values in order of change (all frames, self.attr too)
    lines = {}     # (func, line) -> hit count
    def snap(frame):
        for k, v in frame.f_locals.items():
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            h = hist.setdefault(k, [])
            if not h or h[-1] != v2:
                h.append(v2)
            if hasattr(v, '__dict__') and not callable(v):
                for a, av in vars(v).items():
                    av2 = copy.deepcopy(av)
                    hh = hist.setdefault(k + '.' + a, [])
                    if not hh or hh[-1] != av2:
                        hh.append(av2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        snap(frame)
        if event == 'line':
            key = (frame.f_code.co_name, frame.f_lineno)
            lines[key] = lines.get(key, 0) + 1
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
    return eval(call, g)

def loop_count(lines, label):
    # label "loop@line N": iterations = hits of the first body line N+1
    n = int(label.split('line')[-1])
    return sum(c for (f, l), c in lines.items() if l == n + 1)

def check_claim(c, ret, hist, lines):
    """Return (ok, detail): ok means the claim is TRUE of the execution."""
    what = c['what']
    val = ast.literal_eval(c['value'])
    if what == 'value':
        h = hist.get(c['variable'], [])
        if c.get('sequence'):   # a summarised run of values: must be a contiguous stretch of the history
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h))), f"{c['variable']} history {h}"
        if 'index' in c:   # value at a specific point (k-th distinct value)
            k = c['index']
            return (k < len(h) and h[k] == val), f"{c['variable']}[{k}] of {h}"
        return (val in h), f"{c['variable']} history {h}"
    if what == 'count':
        if c['variable'].startswith('loop@'):
            n = loop_count(lines, c['variable'])
        else:   # a loop variable: number of (distinct consecutive) values it was bound to
            n = len(hist.get(c['variable'], []))
        return n == val, f"count {n}"
    if what == 'comparison':
        q = c['quote'].replace('`', '')
        expr = re.split(r',? (?:which )?(?:is|returns) (?:true|false|True|False)', q)[0]
        got = bool(eval(expr, {}))
        return got == val, f"{expr} -> {got!r}"
    if what == 'arith':
        q = c['quote'].replace('`', '')
        expr = q.rsplit(' = ', 1)[0] if what == 'arith' else q
        if what == 'arith' and ' is ' in expr and ' = ' not in q:
            expr = q.rsplit(' is ', 1)[0]
        got = eval(expr, {})
        return got == val, f"{expr} -> {got!r}"
    if what == 'return':
        return ret == val, f"returned {ret!r}"
    if what == 'call':
        return True, 'call'
    return False, 'unknown what'

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    byid = {it['id']: it for it in items}
    fails = 0
    out = []
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        if it['function'] not in it['call']:
            probs.append('function not in call')
        r = it['rationale']
        last = r.rstrip().splitlines()[-1]
        if not (last.startswith('Answer:') or last.startswith('Predicted Output:')) or it['answer'] not in last:
            probs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in r:
                probs.append(f"quote not in rationale: {c['quote']!r}")
        err = it['error']
        if it['label'] == 'faithful':
            for c in it['claims']:
                ok, d = check_claim(c, ret, hist, lines)
                if not ok:
                    probs.append(f"false claim {c['quote']!r}: {d}")
            ans_ok = (ast.literal_eval(it['answer']) == ret) if it['direction'] == 'forward' \
                else (plain_call(it['code'], it['answer']) == ret)
            if not ans_ok:
                probs.append('answer wrong')
        else:
            f = byid.get(it['faithful_id'])
            if f is None:
                probs.append('no faithful')
            if err['quote'] not in r:
                probs.append('error quote not in rationale')
            k = err['kind']
            if k == 'wrong_final_answer':
                if ast.literal_eval(it['answer']) == ret:
                    probs.append('final answer not wrong')
            elif k == 'backward_wrong_input':
                try:
                    got = plain_call(it['code'], it['answer'])
                except Exception as e:
                    got = e
                if got == ret:
                    probs.append('backward input not wrong')
            else:
                ecs = [c for c in it['claims'] if c['quote'] == err['quote']]
                if not ecs:
                    probs.append('error claim missing')
                for c in ecs:
                    ok, d = check_claim(c, ret, hist, lines)
                    if ok:
                        probs.append(f"error claim is actually true: {d}")
                    if k in ('wrong_arithmetic', 'wrong_intermediate_right_answer', 'wrong_loop_summary_value',
                             'off_by_one_loop_count', 'impossible_state', 'swapped_variables') and c['what'] == 'value' \
                            and 'index' not in c and not c.get('sequence') and k != 'impossible_state':
                        probs.append('value error claim needs an index (point-specific check)')
                    if k == 'impossible_state':
                        h = hist.get(c['variable'], [])
                        if ast.literal_eval(c['value']) in h:
                            probs.append('impossible_state value occurs in run')
                    if err.get('held_elsewhere'):
                        allv = [v for hh in hist.values() for v in hh]
                        sv = ast.literal_eval(err.get('held_value', c['value']))
                        if sv not in allv:
                            probs.append('held_elsewhere value never held')
                # other claims in the error copy should stay true (except carried)
                for c in it['claims']:
                    if c['quote'] == err['quote'] or c.get('carried'):
                        continue
                    ok, d = check_claim(c, ret, hist, lines)
                    if not ok:
                        probs.append(f"extra false claim {c['quote']!r}: {d}")
            if k != 'wrong_final_answer' and it['direction'] == 'forward' and not err.get('carried'):
                if ast.literal_eval(it['answer']) != ret:
                    probs.append('forward answer wrong in non-final error copy')
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, "
                   f"{(err or {}).get('kind', '-')}, {len(it['claims'])} claims)" + ''.join('\n    ' + p for p in probs))
    out.append(f"\n{len(items) - fails}/{len(items)} items pass")
    print('\n'.join(out))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
