"""Standalone checker for w477 narrations: runs each program with sys.settrace, records
per-variable value histories (locals and self.<attr>), line hit counts and function returns,
then verifies claims of faithful items and that each error copy's error is really false."""
import ast, copy, json, sys
from collections import defaultdict

def run(code, call):
    hist = defaultdict(list)      # var -> chronological list of (changed) values
    lines = defaultdict(int)      # line number -> times executed (program frames only)
    rets = defaultdict(list)      # function name -> returned values
    last = {}
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
                v2 = repr(v)
            key = (fid, k)
            if key not in last or last[key] != v2:
                last[key] = v2
                hist[k].append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            snap(frame)
            if event == 'line':
                lines[frame.f_lineno] += 1
            elif event == 'return':
                rets[frame.f_code.co_name].append(copy.deepcopy(arg))
            return local
        snap(frame)
        return local
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets, g

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def count_of(label, hist, lines):
    if label.startswith('loop@line'):
        return lines[int(label.split()[-1])]
    return len(hist[label])

def check_item(it, problems):
    res, hist, lines, rets, g = run(it['code'], it['call'])
    tag = it['id']
    if repr(res) != it['returned']:
        problems.append(f"{tag}: returned {res!r} != {it['returned']}")
    rat = it['rationale']
    if not rat.rstrip().splitlines()[-1].startswith('Answer: '):
        problems.append(f"{tag}: last line is not Answer")
    if rat.rstrip().splitlines()[-1][len('Answer: '):].strip() != it['answer']:
        problems.append(f"{tag}: answer field differs from Answer line")
    # answer
    if it['direction'] == 'forward':
        ans_ok = lit(it['answer']) == res
    else:
        r2 = run(it['code'], it['answer'])[0]
        ans_ok = r2 == res
    err = it['error']
    ans_err = err and err['kind'] in ('wrong_final_answer', 'backward_wrong_input')
    if ans_ok == bool(ans_err):
        problems.append(f"{tag}: answer correctness {ans_ok} but label says error={ans_err}")
    allvals = [v for vs in hist.values() for v in vs] + [v for vs in rets.values() for v in vs]
    def claim_true(c):
        val = lit(c['value'])
        w = c['what']
        if 'check_expr' in c:  # a derived summary of a history (e.g. run lengths)
            env = {'H': hist, 'L': lines, 'R': rets, 'len': len, 'enumerate': enumerate}
            return eval(c['check_expr'], env) == val
        if w == 'value':
            return val in hist.get(c['variable'], [])
        if w == 'count':
            return count_of(c['variable'], hist, lines) == val
        if w in ('arith', 'comparison'):
            return eval(c.get('expr', c['quote'].split('=')[0] if w == 'arith' else c['quote']), {}) == val
        if w == 'return':
            name = c['variable'] or it['function']
            return val in rets.get(name, [])
        if w == 'call':
            return run(it['code'], c['value'])[0] == res
        return False
    for c in it['claims']:
        if c['quote'] not in rat:
            problems.append(f"{tag}: claim quote not in rationale: {c['quote']!r}")
        ok = claim_true(c)
        is_err_claim = err is not None and c.get('is_error')
        if is_err_claim and c['what'] in ('value', 'count') and err['check']['type'] in ('at', 'py'):
            continue  # a value held elsewhere in the run: judged at its point by the error check below
        if ok == bool(is_err_claim) and not (err and err['kind'] in ('wrong_final_answer', 'backward_wrong_input') and c['what']=='call'):
            problems.append(f"{tag}: claim {c['quote']!r} truth={ok} (error claim={bool(is_err_claim)})")
    if err:
        if err['quote'] not in rat:
            problems.append(f"{tag}: error quote missing")
        ck = err['check']; st = lit(err['stated'])
        t = ck['type']
        if t == 'at':
            for var, k, sv in ck['points']:
                if hist[var][k] == lit(sv):
                    problems.append(f"{tag}: {var}[{k}] is really {sv}")
        elif t in ('arith', 'comparison'):
            if eval(ck['expr'], {}) == st:
                problems.append(f"{tag}: expr {ck['expr']} really gives {st}")
        elif t == 'count':
            if count_of(ck['loop'], hist, lines) == st:
                problems.append(f"{tag}: count really {st}")
        elif t == 'never':
            if st in hist[ck['variable']]:
                problems.append(f"{tag}: {ck['variable']} does hold {st}")
        elif t == 'py':
            # expression over histories H / line counts L giving the true value at that point
            env = {'H': hist, 'L': lines, 'R': rets, 'len': len, 'enumerate': enumerate, 'D': lambda xs: [v for i, v in enumerate(xs) if i == 0 or v != xs[i - 1]]}
            if eval(ck['expr'], env) == st:
                problems.append(f"{tag}: {ck['expr']} really gives {st}")
            if 'held_expr' in ck and not eval(ck['held_expr'], env):
                problems.append(f"{tag}: held_expr {ck['held_expr']} is false")
        elif t == 'answer':
            pass  # handled above
        if err.get('held_elsewhere') and 'held_expr' not in ck and st not in allvals:
            problems.append(f"{tag}: held_elsewhere but {st!r} never held")

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    problems = []
    for it in items:
        try:
            check_item(it, problems)
        except Exception as e:
            problems.append(f"{it['id']}: exception {e!r}")
    out = [f"items: {len(items)}", f"faithful: {sum(i['label']=='faithful' for i in items)}",
           f"errors: {sum(i['label']=='error' for i in items)}"]
    out += problems or ['ALL CHECKS PASSED']
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out))
    return 1 if problems else 0

if __name__ == '__main__':
    sys.exit(main())
