"""Standalone checker for w512 narrations: runs each call under sys.settrace, records
per-variable value histories (locals and self.<attr>) and line-execution counts, and checks
every claim of faithful items and the single error of each error copy."""
import ast, copy, json, sys

def run_traced(code, call):
    hist, lines, entries, prev = {}, {}, {}, {}
    def rec(name, val):
        try: v = copy.deepcopy(val)
        except Exception: v = val
        h = hist.setdefault(name, [])
        if not h or h[-1] != v: h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k.startswith('.'): continue
            if k == 'self':
                for a, av in vars(v).items(): rec('self.' + a, av)
            elif not callable(v) and not hasattr(v, '__dict__'): rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>': return None
        snap(frame)
        if event == 'line':
            ln = frame.f_lineno
            lines[ln] = lines.get(ln, 0) + 1
            if prev.get(id(frame), -1) < ln:
                entries[ln] = entries.get(ln, 0) + 1
            prev[id(frame)] = ln
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try: ret = eval(call, ns)
    finally: sys.settrace(None)
    # a loop header line (for/while) runs once more than its body per entry into the loop:
    # report iterations = executions - entries for header lines, plain executions otherwise
    src = code.splitlines()
    counts = {}
    for ln, n in lines.items():
        s = src[ln - 1].strip()
        counts[ln] = n - entries.get(ln, 0) if s.startswith(('for ', 'while ')) else n
    return ret, hist, counts

def plain(code, call):
    ns = {}; exec(code, ns); return eval(call, ns)

def check_claim(c, ret, hist, lines):
    val = ast.literal_eval(c['value'])
    w = c['what']
    if w == 'value' and c.get('sequence'):
        col = [v for i, v in enumerate(val) if i == 0 or val[i-1] != v]
        h = hist.get(c['variable'], [])
        return any(h[i:i+len(col)] == col for i in range(len(h)))
    if w == 'value' and c.get('each'):
        return all(v in hist.get(c['variable'], []) for v in val)
    if w == 'value':
        return val in hist.get(c['variable'], [])
    if w == 'count':
        ln = int(c['variable'].split('@line')[1])
        return lines.get(ln, 0) == val
    if w in ('arith', 'comparison'):
        return eval(c['expr']) == val
    if w == 'return':
        return val == ret
    if w == 'call':
        return True
    return False

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    out, bad = [], 0
    for it in items:
        errs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']: errs.append('returned mismatch %r' % (ret,))
        for c in it['claims']:
            if c['quote'] not in it['rationale']: errs.append('quote missing: ' + c['quote'])
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']):
            errs.append('answer line mismatch')
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not check_claim(c, ret, hist, lines): errs.append('false claim: %s' % c)
            if it['direction'] == 'forward':
                if ast.literal_eval(it['answer']) != ret: errs.append('forward answer wrong')
            else:
                if plain(it['code'], it['answer']) != ret: errs.append('backward answer wrong')
        else:
            e = it['error']; at = e['at']; k = e['kind']
            if e['quote'] not in it['rationale']: errs.append('error quote missing')
            st = ast.literal_eval(e['stated']); ac = ast.literal_eval(e['actual'])
            if at['type'] == 'history':
                truth = hist[at['variable']][at['index']]
                ok = truth == ac and truth != st
            elif at['type'] == 'count':
                truth = lines.get(at['line'], 0); ok = truth == ac and truth != st
            elif at['type'] == 'expr':
                truth = eval(at['expr']); ok = truth == ac and truth != st
            elif at['type'] == 'answer':
                if it['direction'] == 'forward':
                    ok = ast.literal_eval(it['answer']) != ret and ac == ret
                else:
                    try: got = plain(it['code'], it['answer'])
                    except Exception as ex: got = ex
                    ok = got != ret
            else: ok = False
            if e.get('held_elsewhere'):
                allv = [v for h in hist.values() for v in h]
                if st not in allv: errs.append('held_elsewhere but value never held')
            if not ok: errs.append('error not false at its point')
            # all other claims must still be true
            for c in it['claims']:
                if c['quote'] == e['quote'] or c.get('error'): continue
                if not check_claim(c, ret, hist, lines): errs.append('other claim false: %s' % c)
        status = 'PASS' if not errs else 'FAIL'
        bad += bool(errs)
        out.append('%s %s %s' % (status, it['id'], '; '.join(errs)))
    out.append('items=%d failed=%d' % (len(items), bad))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out[-1:] + [o for o in out if o.startswith('FAIL')]))

if __name__ == '__main__':
    main()
