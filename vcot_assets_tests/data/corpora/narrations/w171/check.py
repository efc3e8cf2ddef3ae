"""Standalone checker for w171 narrations: re-executes every program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks claims / errors."""
import ast, copy, json, sys, io

HERE = __file__.rsplit('/', 1)[0]

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run(code, call):
    hist, hits = {}, {}
    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == 'self' and hasattr(v, '__dict__'):
                items = [('self.' + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    pass
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            snap(frame)
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            snap(frame)
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<call>', 'eval'), ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain(code, call):
    ns = {}
    exec(compile(code, '<prog2>', 'exec'), ns)
    return eval(call, ns)

def claim_true(c, item, ret, hist, hits):
    what, val = c['what'], lit(c['value'])
    if what == 'value':
        h = hist.get(c['variable'], [])
        if val in h:
            return True
        if isinstance(val, list) and h and not isinstance(h[0], list):
            # a summarised sequence: must appear as a contiguous run of the history
            seq = [x for i, x in enumerate(val) if i == 0 or val[i - 1] != x]
            return any(h[i:i + len(seq)] == seq for i in range(len(h)))
        return False
    if what == 'count':
        line = int(c['variable'].split('@line')[1])
        return hits.get(line, 0) == val
    if what in ('arith', 'comparison'):
        return eval(c.get('expr', c['quote'].strip('`'))) == val
    if what == 'return':
        return val == ret
    if what == 'call':
        return plain(item['code'], c['value']) == ret
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open(f'{HERE}/narrations.jsonl')]
    probes = json.load(open(f'{HERE}/probes.json'))
    out, bad = [], 0
    for it in items:
        probs = []
        ret, hist, hits = run(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append('returned mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote missing: ' + c['quote'])
        if not it['rationale'].rstrip().endswith(it['answer']):
            probs.append('answer not on last line')
        err = it['error']
        ans_ok = (lit(it['answer']) == ret) if it['direction'] == 'forward' else (plain(it['code'], it['answer']) == ret)
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not claim_true(c, it, ret, hist, hits):
                    probs.append('false claim: ' + c['quote'])
            if not ans_ok:
                probs.append('answer wrong')
        else:
            if err['quote'] not in it['rationale']:
                probs.append('error quote missing')
            for c in it['claims']:
                if c['quote'] == err['quote']:
                    continue
                if not claim_true(c, it, ret, hist, hits):
                    probs.append('non-error claim false: ' + c['quote'])
            p = probes[it['id']]
            st = lit(err['stated'])
            k = err['kind']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('wrong answer is actually right')
            else:
                if not ans_ok and not err.get('carried'):
                    probs.append('answer should stay right')
                if 'hist' in p:
                    actual = hist[p['hist']][p['index']]
                    if st == actual: probs.append('stated equals value at that point')
                    if lit(err['actual']) != actual: probs.append(f'actual field {err["actual"]} != {actual!r}')
                if 'expr' in p:
                    actual = eval(p['expr'])
                    if st == actual: probs.append('stated equals expr value')
                    if lit(err['actual']) != actual: probs.append('actual field mismatch (expr)')
                if 'line' in p:
                    actual = hits.get(p['line'], 0)
                    if st == actual: probs.append('stated count is right')
                    if lit(err['actual']) != actual: probs.append(f'actual count field mismatch {actual}')
                if 'absent' in p:
                    if st in hist.get(p['absent'], []): probs.append('impossible value actually occurs')
                if err.get('held_elsewhere') and 'elsewhere_line' in p:
                    if hits.get(p['elsewhere_line'], 0) != st: probs.append('held_elsewhere count not held')
                elif err.get('held_elsewhere'):
                    v = p.get('elsewhere_var') or p.get('hist')
                    if st not in hist.get(v, []): probs.append('held_elsewhere value never held')
        status = 'PASS' if not probs else 'FAIL ' + '; '.join(probs)
        bad += bool(probs)
        out.append(f"{it['id']}: {status}")
    out.append(f'{len(items)} items, {len(items) - bad} pass, {bad} fail')
    txt = '\n'.join(out)
    print(txt)
    open(f'{HERE}/check_report.txt', 'w').write(txt + '\n')
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
