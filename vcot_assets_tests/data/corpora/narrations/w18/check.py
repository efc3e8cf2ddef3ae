"""Standalone checker for w18 narrations: re-executes every program with sys.settrace and checks
claims, answers and error copies. Uses only the stdlib; reads narrations.jsonl + claim_ctx.jsonl.
Claim context (claim_ctx.jsonl, parallel to `claims`): expr (expression evaluated in the frame),
line (restrict to line events at that source line), nth (1-based occurrence of that line),
seq (stated value is a list: an ordered subsequence of the observed values), frame (k-th call of
the function owning `line`, for counts), func (helper whose return is claimed), call (a full call),
error (the claim that holds the error: it must be FALSE), carried (an error carried forward: skipped)."""
import ast, copy, json, sys, os
HERE = os.path.dirname(os.path.abspath(__file__))
FN = '<w18prog>'

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call, exprs):
    """Run call; return (result, obs, counts, rets). obs[expr] = list of (lineno, line_occurrence, frame_no, value)."""
    g = {'__name__': 'w18prog'}
    exec(compile(code, FN, 'exec'), g)
    obs = {e: [] for e in exprs}
    counts = {}      # lineno -> total line events
    frame_counts = {}  # (funcname, frame_no) -> {lineno: n}
    rets = []        # (funcname, value)
    frames = {}      # id(frame) -> (funcname, frame_no)
    ncalls = {}
    def observe(frame, lineno, occ, fno):
        for e in exprs:
            try:
                v = eval(e, frame.f_globals, dict(frame.f_locals))
            except Exception:
                continue
            obs[e].append((lineno, occ, fno, snap(v)))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        name = frame.f_code.co_name
        if event == 'call':
            ncalls[name] = ncalls.get(name, 0) + 1
            frames[id(frame)] = (name, ncalls[name])
            return tracer
        key = frames.get(id(frame), (name, 0))
        if event == 'line':
            ln = frame.f_lineno
            counts[ln] = counts.get(ln, 0) + 1
            fc = frame_counts.setdefault(key, {})
            fc[ln] = fc.get(ln, 0) + 1
            observe(frame, ln, counts[ln], key[1])
        elif event == 'return':
            rets.append((name, snap(arg)))
            observe(frame, -1, 0, key[1])
        return tracer
    sys.settrace(tracer)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, obs, counts, frame_counts, rets

def lit(s):
    return ast.literal_eval(s)

def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        try:
            return abs(float(a) - float(b)) < 1e-9
        except Exception:
            return False
    if a == b and type(a) == type(b):
        return True
    if isinstance(a, (int, bool)) and isinstance(b, (int, bool)) and not isinstance(a, bool) and not isinstance(b, bool):
        return a == b
    try:
        return a == b and repr(a) == repr(b)
    except Exception:
        return False

def is_subseq(small, big):
    it = iter(big)
    return all(any(same(x, y) for y in it) for x in small)

def collapse(vals):
    out = []
    for v in vals:
        if not out or not same(out[-1], v):
            out.append(v)
    return out

def arith_expr(quote):
    q = quote.replace('`', '').strip()
    for sep in (' is ', ' equals ', ' gives '):
        if sep in q:
            return q.rsplit(sep, 1)[0]
    # split on last single '=' not part of ==, <=, >=, !=
    for i in range(len(q) - 1, -1, -1):
        if q[i] == '=' and (i == 0 or q[i-1] not in '=<>!') and (i + 1 >= len(q) or q[i+1] != '='):
            return q[:i]
    raise ValueError('no = in arith quote: ' + quote)

def check_claim(c, x, item, result, run_info):
    """Return (ok, detail) meaning 'the claim is true'."""
    res, obs, counts, frame_counts, rets = run_info
    what = c['what']
    try:
        val = lit(c['value']) if not x.get('rawvalue') else c['value']
    except Exception:
        val = c['value']
    if what in ('value', 'comparison') or (what == 'call' and 'expr' in x):
        e = x.get('expr') or c['variable']
        ob = obs[e]
        if 'line' in x:
            ob = [o for o in ob if o[0] == x['line']]
        if 'nth' in x:
            ob = [o for o in ob if o[1] == x['nth']]
        if 'frame' in x:
            ob = [o for o in ob if o[2] == x['frame']]
        vals = [o[3] for o in ob]
        if x.get('seq'):
            seqvals = vals if 'line' in x else collapse(vals)
            return is_subseq(val, seqvals), f"seq {val} vs {collapse(vals)[:40]}"
        if x.get('final'):
            return (bool(vals) and same(vals[-1], val)), f"final {vals[-1:]} "
        return any(same(v, val) for v in vals), f"{e}={val!r} in {collapse(vals)[:30]}"
    if what == 'count':
        if 'frame' in x:
            n = sum(fc.get(x['line'], 0) for k, fc in frame_counts.items() if k[1] == x['frame'] and x['line'] in fc)
        else:
            n = counts.get(x['line'], 0)
        n -= x.get('minus', 0)
        return n == val, f"count line {x['line']}: {n} vs {val}"
    if what == 'arith':
        e = x.get('expr') or arith_expr(c['quote'])
        got = eval(e, {})
        return same(got, val), f"{e} -> {got!r} vs {val!r}"
    if what == 'return':
        if 'func' in x:
            vals = [v for n, v in rets if n == x['func']]
            return any(same(v, val) for v in vals), f"returns of {x['func']}: {vals[:20]}"
        return same(result, val), f"return {result!r} vs {val!r}"
    if what == 'call':
        g = {'__name__': 'w18prog'}
        exec(compile(item['code'], FN, 'exec'), g)
        got = eval(x['call'], g)
        return same(got, val), f"{x['call']} -> {got!r} vs {val!r}"
    return False, 'unknown what ' + what

def main():
    items = [json.loads(l) for l in open(os.path.join(HERE, 'narrations.jsonl'))]
    ctxs = {json.loads(l)['id']: json.loads(l)['ctx'] for l in open(os.path.join(HERE, 'claim_ctx.jsonl'))}
    cache = {}
    ids = {it['id'] for it in items}
    fails = 0
    lines = []
    for it in items:
        problems = []
        cx = ctxs[it['id']]
        assert len(cx) == len(it['claims'])
        exprs = set()
        for c, x in zip(it['claims'], cx):
            if c['what'] in ('value', 'comparison') or (c['what'] == 'call' and 'expr' in x):
                exprs.add(x.get('expr') or c['variable'])
        key = (it['code'], it['call'], frozenset(exprs))
        if key not in cache:
            cache[key] = run(it['code'], it['call'], sorted(exprs))
        info = cache[key]
        result = info[0]
        if repr(result) != it['returned']:
            problems.append(f"returned mismatch {result!r} vs {it['returned']}")
        for c, x in zip(it['claims'], cx):
            if c['quote'] not in it['rationale']:
                problems.append('quote not in rationale: ' + c['quote'])
            if x.get('carried'):
                continue
            ok, det = check_claim(c, x, it, result, info)
            if x.get('error'):
                if ok:
                    problems.append('ERROR CLAIM IS TRUE: ' + c['quote'] + ' | ' + det)
            elif not ok:
                problems.append('false claim: ' + c['quote'] + ' | ' + det)
        # answers
        kind = it['error']['kind'] if it['error'] else None
        if it['direction'] == 'forward':
            try:
                ok = same(lit(it['answer']), result)
            except Exception:
                ok = False
            if kind == 'wrong_final_answer' or (it['error'] and it['error'].get('carried') and it['answer'] != it['returned'] and not ok):
                if ok: problems.append('wrong_final_answer answer is actually right')
            elif not ok:
                problems.append(f"forward answer {it['answer']} != {result!r}")
        else:
            g = {'__name__': 'w18prog'}
            exec(compile(it['code'], FN, 'exec'), g)
            try:
                got = eval(it['answer'], g); ok = same(got, result)
            except Exception as ex:
                got = ex; ok = False
            if kind == 'backward_wrong_input':
                if ok: problems.append('backward_wrong_input answer actually returns output')
            elif not ok:
                problems.append(f"backward answer {it['answer']} gives {got!r}")
        # schema / consistency checks
        KINDS = {'wrong_arithmetic', 'off_by_one_loop_count', 'branch_not_taken', 'wrong_loop_summary_value',
                 'impossible_state', 'wrong_final_answer', 'backward_wrong_input',
                 'wrong_intermediate_right_answer', 'swapped_variables'}
        need = ['id', 'program_id', 'code', 'call', 'function', 'returned', 'kind', 'trace_events', 'direction',
                'style', 'family', 'rationale', 'answer', 'label', 'faithful_id', 'error', 'claims']
        for k in need:
            if k not in it: problems.append('missing field ' + k)
        if (it['label'] == 'faithful') != (it['error'] is None and it['faithful_id'] is None):
            problems.append('label / error / faithful_id inconsistent')
        if it['error']:
            if it['error']['kind'] not in KINDS: problems.append('bad error kind')
            if it['error']['kind'] == 'wrong_final_answer' and it['direction'] != 'forward': problems.append('wfa on backward')
            if it['error']['kind'] == 'backward_wrong_input' and it['direction'] != 'backward': problems.append('bwi on forward')
            if it['faithful_id'] not in ids: problems.append('faithful_id not found')
        if not it['rationale'].rstrip().splitlines()[-1].startswith(('Answer:', 'Predicted Output:')):
            problems.append('last line is not an Answer line')
        if it['error']:
            if it['error']['quote'] not in it['rationale']:
                problems.append('error quote missing')
            if not any(x.get('error') for x in cx):
                problems.append('no claim marked as the error')
        status = 'PASS' if not problems else 'FAIL'
        if problems: fails += 1
        lines.append(f"{status} {it['id']} ({it['label']}{'/' + kind if kind else ''}, {len(it['claims'])} claims, {it['trace_events']} events)")
        for p in problems:
            lines.append('    ' + p)
    lines.append(f"\n{len(items)} items, {fails} failing")
    rep = '\n'.join(lines)
    open(os.path.join(HERE, 'check_report.txt'), 'w').write(rep + '\n')
    print(rep)
    return fails

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
