"""Standalone checker for w409 narrations. Runs each program with sys.settrace, records each
variable's value history (consecutive distinct values, all frames of the program; attributes of
`self` recorded as self.<attr>) and per-line hit counts, then checks claims and errors.
Claim/error verification hints live in optional keys `check` (claims) and `error.verify`.
count claims: `check: {"line": N}` = number of times body line N ran."""
import sys, json, copy, ast, collections

FN = '<w409prog>'

def run(code, call):
    hist = collections.defaultdict(list)
    lines = collections.Counter()
    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == 'self' and hasattr(v, '__dict__'):
                items += [('self.' + a, b) for a, b in vars(v).items()]
            for name, val in items:
                if callable(val) or (hasattr(val, '__dict__') and not isinstance(val, type)):
                    continue
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist[name]
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == 'line':
            snap(frame)
            lines[frame.f_lineno] += 1
        elif event == 'return':
            snap(frame)
        return tr
    g = {}
    exec(compile(code, FN, 'exec'), g)
    sys.settrace(tr)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, lines

def plain(code, call):
    g = {}
    exec(compile(code, FN, 'exec'), g)
    return eval(call, g)

def dedupe(seq):
    out = []
    for x in seq:
        if not out or out[-1] != x:
            out.append(x)
    return out

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def check_claim(c, res, hist, lines, problems, tag):
    what, var, val = c['what'], c.get('variable'), lit(c['value'])
    chk = c.get('check') or {}
    if what == 'value':
        h = hist.get(var, [])
        if 'k' in chk:
            ok = len(h) > chk['k'] and h[chk['k']] == val
        elif chk.get('seq'):
            hv = iter(h)
            ok = all(any(x == s for x in hv) for s in dedupe(val))
        else:
            ok = val in h
        if not ok:
            problems.append(f'{tag}: value claim {var}={val!r} not in history {h[:40]}')
    elif what == 'count':
        n = lines[chk['line']] - chk.get('minus', 0)
        if n != val:
            problems.append(f'{tag}: count claim {var}={val} but line {chk["line"]} ran {n}')
    elif what in ('arith', 'comparison'):
        got = eval(chk['expr'])
        if got != val:
            problems.append(f'{tag}: {what} {chk["expr"]} = {got!r}, claimed {val!r}')
    elif what == 'return':
        if res != val:
            problems.append(f'{tag}: return claim {val!r} but got {res!r}')
    elif what == 'call':
        pass

def main():
    items = [json.loads(l) for l in open('narrations.jsonl', encoding='utf-8') if l.strip()]
    faithful = {it['id']: it for it in items if it['label'] == 'faithful'}
    out, nprob = [], 0
    for it in items:
        problems = []
        res, hist, lines = run(it['code'], it['call'])
        if repr(res) != it['returned']:
            problems.append(f'returned {it["returned"]} != {res!r}')
        rat = it['rationale']
        if not rat.rstrip().splitlines()[-1].startswith(('Answer:', 'Predicted Output:')):
            problems.append('last line is not an Answer line')
        for c in it['claims']:
            if c['quote'] not in rat:
                problems.append(f'claim quote not in rationale: {c["quote"]!r}')
        if it['label'] == 'faithful':
            for c in it['claims']:
                check_claim(c, res, hist, lines, problems, 'claim')
            if it['direction'] == 'forward':
                if lit(it['answer']) != res:
                    problems.append(f'forward answer {it["answer"]} != {res!r}')
            else:
                if plain(it['code'], it['answer']) != res:
                    problems.append('backward answer does not reproduce output')
        else:
            e = it['error']; v = e.get('verify', {}); t = v.get('type')
            if e['quote'] not in rat:
                problems.append('error quote not in rationale')
            f = faithful[it['faithful_id']]
            if f['rationale'] == rat and t not in ('answer',):
                problems.append('error copy identical to faithful')
            stated = lit(e['stated'])
            if t == 'hist':
                h = hist.get(v['var'], [])
                at = h[v['k']]
                if at == stated: problems.append(f'error not false: {v["var"]}[{v["k"]}] == {stated!r}')
                if repr(at) != e['actual'] and str(at) != e['actual']: problems.append(f'actual mismatch {at!r} vs {e["actual"]}')
                if e.get('held_elsewhere') and stated not in h: problems.append('held_elsewhere but value never held')
                if not e.get('held_elsewhere') and stated in h and e['kind'] != 'swapped_variables': problems.append('value held elsewhere but flag false')
            elif t == 'iter':  # value of var at a given iteration: list of per-iteration values given
                seq = v['seq']; i = v['i']
                if lit(seq[i]) == stated: problems.append('iter error not false')
                if e.get('held_elsewhere') and stated not in hist.get(v['var'], []): problems.append('held_elsewhere but never held')
                # confirm seq really is the run's history of var (subsequence check)
                h = hist.get(v['var'], [])
                hv = iter(h)
                if not all(any(x == s for x in hv) for s in dedupe([lit(s) for s in seq])): problems.append(f'seq not in history of {v["var"]}: {h}')
            elif t == 'never':
                if stated in hist.get(v['var'], []): problems.append('impossible_state value does occur')
            elif t == 'arith':
                got = eval(v['expr'])
                if got == stated: problems.append('arith error not false')
                if repr(got) != e['actual']: problems.append(f'arith actual {got!r} vs {e["actual"]}')
                if e.get('held_elsewhere') and v.get('var') and stated not in hist.get(v['var'], []): problems.append('held_elsewhere but never held')
            elif t == 'count':
                n = lines[v['line']] - v.get('minus', 0)
                if n == stated: problems.append('count error not false')
                if n != lit(e['actual']): problems.append(f'count actual {n} vs {e["actual"]}')
            elif t == 'expr':
                got = eval(v['expr'])
                if got == stated: problems.append('comparison error not false')
            elif t == 'answer':
                if it['direction'] == 'forward':
                    if lit(it['answer']) == res: problems.append('wrong_final_answer equals result')
                else:
                    try:
                        if plain(it['code'], it['answer']) == res: problems.append('backward wrong input reproduces output')
                    except Exception:
                        pass
            else:
                problems.append(f'unknown verify type {t}')
            # all other (non-error) claims must still be true
            for c in it['claims']:
                if c['quote'] == e['quote'] or c.get('is_error') or (e.get('carried') and c.get('carried')):
                    continue
                check_claim(c, res, hist, lines, problems, 'claim')
            if it['direction'] == 'forward' and e['kind'] != 'wrong_final_answer' and not e.get('carried'):
                if lit(it['answer']) != res: problems.append('forward answer wrong in non-answer error copy')
        status = 'PASS' if not problems else 'FAIL'
        nprob += bool(problems)
        out.append(f'{status} {it["id"]}' + ''.join('\n    ' + p for p in problems))
    out.append(f'\n{len(items)} items, {len(items) - nprob} pass, {nprob} fail')
    txt = '\n'.join(out)
    open('check_report.txt', 'w').write(txt + '\n')
    print(txt)
    return 1 if nprob else 0

if __name__ == '__main__':
    sys.exit(main())
