"""Standalone checker for w280 narrations: re-executes every program with sys.settrace,
records each variable's value history (locals and self.<attr>, all frames of the program)
and line hit counts, then checks returned/answers/claims and that each error is really false."""
import ast, copy, json, re, sys

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist, hits = {}, {}
    def rec(frame):
        for k, v in list(frame.f_locals.items()):
            if k == 'self' or k.startswith('.'):
                if k == 'self':
                    for a, av in list(getattr(v, '__dict__', {}).items()):
                        put('self.' + a, av)
                continue
            put(k, v)
    def put(k, v):
        h = hist.setdefault(k, [])
        s = snap(v)
        if not h or h[-1] != s or type(h[-1]) is not type(s):
            h.append(s)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            rec(frame)
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            rec(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, ret, hist, hits

def plain_eval(call, code):
    ns = {}
    exec(compile(code, '<prog2>', 'exec'), ns)
    return eval(call, ns)

def get_hist(hist, var):
    if var in hist:
        return hist[var]
    m = re.match(r'^([\w.]+)(\[.*\])$', var or '')
    if not m or m.group(1) not in hist:
        return []
    out = []
    for x in hist[m.group(1)]:
        try:
            v = eval('x' + m.group(2), {'x': x})
        except Exception:
            continue
        if not out or out[-1] != v:
            out.append(v)
    return out

ARITH = re.compile(r'^(.*[^=<>!])=(?!=)\s*(.+)$')

def claim_ok(c, ctx):
    ns, ret, hist, hits, code = ctx
    what, var = c['what'], c.get('variable')
    bt = re.findall(r'`([^`]*)`', c['quote'])
    q = (bt[0] if bt else c['quote']).strip()
    if what == 'value' and c.get('sequence'):
        seq = ast.literal_eval(c['value'])
        it = iter(get_hist(hist, var))
        return all(any(x == v for v in it) for x in seq)
    if what == 'value':
        val = ast.literal_eval(c['value'])
        if var is None:
            return any(val in h for h in hist.values()) or val == ret
        return any(val == x for x in get_hist(hist, var))
    if what == 'count':
        m = re.match(r'loop@line (\d+)', var)
        return hits.get(int(m.group(1)), 0) == ast.literal_eval(c['value'])
    if what == 'comparison':
        q = re.split(r',|\.\s|\s+(?:is|was|which|held|holds|fails|passes)\b', q)[0]
        return bool(eval(q, {})) == ast.literal_eval(c['value'])
    if what == 'arith':
        m = ARITH.match(q)
        lhs = m.group(1).strip() if m else q
        return eval(lhs, {}) == ast.literal_eval(c['value'])
    if what == 'return':
        return ast.literal_eval(c['value']) == ret
    if what == 'call':
        return plain_eval(c['value'], code) == ret
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl', encoding='utf-8') if l.strip()]
    progs = {json.loads(l)['id']: json.loads(l) for l in open('programs.jsonl', encoding='utf-8') if l.strip()}
    fails, out = 0, []
    cache = {}
    for it in items:
        errs = []
        pid = it['program_id']
        if pid not in cache:
            cache[pid] = run(it['code'], it['call'])
        ns, ret, hist, hits = cache[pid]
        ctx = (ns, ret, hist, hits, it['code'])
        if repr(ret) != it['returned']:
            errs.append('returned mismatch %r' % (ret,))
        if progs[pid]['returned'] != it['returned'] or progs[pid]['code'] != it['code']:
            errs.append('programs.jsonl mismatch')
        if len(progs[pid]['events']) != it['trace_events']:
            errs.append('trace_events mismatch')
        r = it['rationale']
        lastline = r.strip().splitlines()[-1]
        if not lastline.startswith('Answer:') or lastline[len('Answer:'):].strip() != it['answer']:
            errs.append('answer line mismatch')
        # answer correctness
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == ret
        else:
            if not it['answer'].startswith(it['function'] + '(') and not re.match(r'^[A-Z]\w*\(.*\)\.' + it['function'] + r'\(', it['answer']):
                errs.append('answer does not call function')
            ans_ok = plain_eval(it['answer'], it['code']) == ret
        err = it['error']
        bad_kinds = ('wrong_final_answer', 'backward_wrong_input')
        if it['label'] == 'faithful' or err['kind'] not in bad_kinds:
            if not ans_ok:
                errs.append('answer wrong')
        else:
            if ans_ok:
                errs.append('error answer is actually right')
        for c in it['claims']:
            if c['quote'] not in r:
                errs.append('quote not in rationale: %r' % c['quote'])
                continue
            is_err = err is not None and c['quote'] == err['quote']
            if c.get('carried_error'):
                continue
            ok = claim_ok(c, ctx)
            if is_err and err['kind'] not in bad_kinds:
                if ok and 'var' not in err:
                    errs.append('error claim is true: %r' % c['quote'])
                if err.get('held_elsewhere') and 'var' not in err:
                    errs.append('held_elsewhere without point')
                if 'var' in err:
                    h = get_hist(hist, err['var'])
                    k = err['index']
                    st = ast.literal_eval(err['stated'])
                    if not (h[k] != st and h[k] == ast.literal_eval(err['actual']) and st in h):
                        errs.append('held_elsewhere check failed %r' % (h,))
            elif not is_err and not ok:
                errs.append('claim false: %r %r' % (c['quote'], c['value']))
        if err is not None:
            if err['quote'] not in r:
                errs.append('error quote not in rationale')
            if err['kind'] not in bad_kinds and not any(c['quote'] == err['quote'] for c in it['claims']):
                errs.append('error quote not among claims')
        status = 'PASS' if not errs else 'FAIL ' + '; '.join(errs)
        fails += bool(errs)
        out.append('%s %s' % (it['id'], status))
    out.append('items=%d failures=%d' % (len(items), fails))
    txt = '\n'.join(out)
    open('check_report.txt', 'w').write(txt + '\n')
    print(txt)
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
