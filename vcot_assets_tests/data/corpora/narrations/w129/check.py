"""Standalone checker for w129 narrations: runs each program under sys.settrace and
checks claims, answers and error copies against the real execution."""
import ast, copy, json, sys

FN = '<w129prog>'


def run(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    hist = {}      # variable -> list of distinct consecutive values (all frames of the program)
    hits = {}      # line number -> times executed
    rets = {}      # function name -> list of returned values

    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist.setdefault(name, [])
        if not h or not _eq(h[-1], v):
            h.append(v)

    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for ak, av in getattr(v, '__dict__', {}).items():
                    rec('self.' + ak, av)
            else:
                rec(k, v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        snap(frame)
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, hits, rets


def _eq(a, b):
    try:
        if isinstance(a, bool) != isinstance(b, bool):
            return False
        return bool(a == b)
    except Exception:
        return False


def values_of(var, hist):
    """All values a variable (or an expression over one, e.g. totals['cpu']) takes."""
    if var in hist:
        return hist[var]
    base = var.split('[')[0].split('.')[0] if not var.startswith('self.') else var.split('[')[0]
    if var.startswith('len(') and var.endswith(')'):
        base = var[4:-1]
        return [len(v) for v in hist.get(base, [])]
    out = []
    for v in hist.get(base, []):
        try:
            r = eval(var, {base: v})
        except Exception:
            continue
        if not out or not _eq(out[-1], r):
            out.append(r)
    return out


def lit(s):
    return ast.literal_eval(s)


def check_claim(c, ns, result, hist, hits, rets, func):
    w = c['what']
    val = c['value']
    if w == 'value':
        vs = values_of(c['variable'], hist)
        if c.get('seq'):
            seq = list(lit(val))
            return any(vs[i:i + len(seq)] == seq for i in range(len(vs))), vs
        return any(_eq(v, lit(val)) for v in vs), vs
    if w == 'count':
        line = int(c['variable'].split('@line')[1]) if '@line' in c['variable'] else None
        got = hits.get(line, 0)
        return got == int(lit(val)), got
    if w in ('comparison', 'arith'):
        expr = c.get('expr') or (c['quote'].strip('`').rsplit('=', 1)[0] if w == 'arith' else c['quote'].strip('`'))
        got = eval(expr, dict(ns))
        return _eq(got, lit(val)), got
    if w == 'return':
        name = c.get('variable') or func
        if name == func:
            return _eq(result, lit(val)), result
        return any(_eq(r, lit(val)) for r in rets.get(name, [])), rets.get(name)
    if w == 'call':
        got = eval(val, dict(ns))
        return _eq(got, result), got
    return False, 'unknown what'


def check_error(item, ns, result, hist, hits, rets):
    e = item['error']
    chk = e['check']
    how = chk['how']
    rat = item['rationale']
    if e['quote'] not in rat:
        return False, 'error quote not in rationale'
    if how == 'history_at':
        vs = values_of(chk['variable'], hist)
        at = vs[chk['index']]
        ok = _eq(at, lit(e['actual'])) and not _eq(at, lit(e['stated']))
        if e.get('held_elsewhere'):
            ok = ok and any(_eq(v, lit(e['stated'])) for k in hist for v in values_of(chk.get('held_var', chk['variable']), hist))
        return ok, (at, vs)
    if how == 'swap':
        ok = True
        for var, idx, stated in chk['pairs']:
            at = values_of(var, hist)[idx]
            ok = ok and not _eq(at, lit(stated))
        return ok, chk['pairs']
    if how == 'count':
        got = hits.get(chk['line'], 0)
        return got == int(e['actual']) and got != int(e['stated']), got
    if how == 'expr':
        got = eval(chk['expr'], dict(ns))
        ok = _eq(got, lit(e['actual'])) and not _eq(got, lit(e['stated']))
        if e.get('held_elsewhere'):
            ok = ok and any(_eq(v, lit(e['stated'])) for v in values_of(chk['held_var'], hist))
        return ok, got
    if how == 'absent':
        vs = values_of(chk['variable'], hist)
        return not any(_eq(v, lit(e['stated'])) for v in vs), vs
    if how == 'answer':
        if item['direction'] == 'forward':
            return not _eq(lit(item['answer']), result), result
        got = eval(item['answer'], dict(ns))
        return not _eq(got, result), got
    return False, 'unknown how'


def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    progs = {json.loads(l)['id']: json.loads(l) for l in open('programs.jsonl') if l.strip()}
    fails = 0
    lines = []
    for it in items:
        errs = []
        ns, result, hist, hits, rets = run(it['code'], it['call'])
        if repr(result) != it['returned']:
            errs.append(f'returned mismatch {result!r} vs {it["returned"]}')
        p = progs.get(it['program_id'])
        if p is None or p['code'] != it['code'] or p['returned'] != it['returned'] or p['trace_events'] != it['trace_events']:
            errs.append('programs.jsonl mismatch')
        rat = it['rationale']
        last = rat.strip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            errs.append('answer line mismatch')
        equote = it['error']['quote'] if it['error'] else None
        for c in it['claims']:
            if c['quote'] not in rat:
                errs.append(f'claim quote missing: {c["quote"]!r}')
                continue
            if equote is not None and (c['quote'] == equote or c.get('is_error')):
                continue
            ok, got = check_claim(c, ns, result, hist, hits, rets, it['function'])
            if not ok:
                errs.append(f'claim false: {c} got {got!r}')
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if not _eq(lit(it['answer']), result):
                    errs.append('forward answer wrong')
            else:
                if not _eq(eval(it['answer'], dict(ns)), result):
                    errs.append('backward answer does not reproduce output')
        else:
            ok, got = check_error(it, ns, result, hist, hits, rets)
            if not ok:
                errs.append(f'error copy not actually wrong: {got!r}')
            if it['error']['kind'] != 'wrong_final_answer' and it['error']['kind'] != 'backward_wrong_input':
                # the final answer must still be right unless carried
                if not it['error'].get('carried'):
                    if it['direction'] == 'forward' and not _eq(lit(it['answer']), result):
                        errs.append('answer changed without carried')
                    if it['direction'] == 'backward' and not _eq(eval(it['answer'], dict(ns)), result):
                        errs.append('answer changed without carried')
            if not any(c['quote'] == equote for c in it['claims']):
                errs.append('error quote not among claims')
        status = 'PASS' if not errs else 'FAIL'
        fails += bool(errs)
        lines.append(f'{status} {it["id"]} ({len(it["claims"])} claims)' + ''.join('\n    ' + e for e in errs))
    lines.append(f'\n{len(items)} items, {len(items) - fails} pass, {fails} fail')
    out = '\n'.join(lines)
    print(out)
    open('check_report.txt', 'w').write(out + '\n')
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
