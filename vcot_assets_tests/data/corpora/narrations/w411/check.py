"""Standalone checker for w411 narrations: runs each call under sys.settrace,
records per-variable value histories (locals and self.<attr>) and line hit counts,
then verifies claims of faithful items and confirms the error of error copies."""
import sys, json, copy, ast

def run_traced(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist = {}     # name -> list of distinct successive values (per frame, merged in time order)
    last = {}     # (frame id, name) -> last value
    hits = {}     # line -> count
    calls = {}
    serial = {}
    after = {}    # (line, name) -> values right after that line ran
    prev = {}
    counter = [0]
    def snap(frame):
        items = dict(frame.f_locals)
        s = items.get('self')
        if s is not None and hasattr(s, '__dict__'):
            for k, v in vars(s).items():
                items['self.' + k] = v
        for k, v in items.items():
            if k == 'self' or callable(v) and not isinstance(v, (list, dict)):
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            key = (serial.get(id(frame)), k)
            pl = prev.get(serial.get(id(frame)))
            if pl is not None:
                after.setdefault((pl, k), []).append(v)
            if key not in last or last[key] != v:
                last[key] = v
                hist.setdefault(k, []).append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'call':
            counter[0] += 1
            serial[id(frame)] = counter[0]
            calls[frame.f_code.co_name] = calls.get(frame.f_code.co_name, 0) + 1
        snap(frame)
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        prev[serial.get(id(frame))] = frame.f_lineno if event == 'line' else None
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    hist['__after__'] = after
    return ret, hist, hits, calls, ns

def plain_eval(code, call):
    ns = {}
    exec(code, ns)
    return eval(call, ns)

def claim_true(c, ctx):
    ret, hist, hits, calls = ctx
    what, var = c['what'], c.get('variable')
    val = ast.literal_eval(c['value'])
    if what == 'value':
        h = hist.get(var, [])
        if 'after_line' in c:
            a = hist['__after__'].get((c['after_line'], var), [])
            if c.get('sequence'):
                st = c.get('start', 0)
                return a[st:st + len(val)] == val if 'start' in c else a == val
            return c['index'] < len(a) and a[c['index']] == val
        if 'step' in c:
            return c['step'] < len(h) and h[c['step']] == val
        return val in h
    if what == 'count':
        if var.startswith('loop@line '):
            return hits.get(int(var.split()[-1]), 0) == val
        if var.startswith('calls@'):
            return calls.get(var[6:], 0) == val
        raise ValueError(var)
    if what in ('arith', 'comparison'):
        expr = c.get('expr') or c['quote'].replace('`', '').rsplit('=', 1)[0]
        return eval(expr) == val
    if what == 'return':
        return ret == val
    if what == 'call':
        return True
    raise ValueError(what)

def main(path):
    out, bad, n = [], 0, 0
    items = [json.loads(l) for l in open(path)]
    for it in items:
        n += 1
        errs = []
        ret, hist, hits, calls, ns = run_traced(it['code'], it['call'])
        ctx = (ret, hist, hits, calls)
        if repr(ret) != it['returned']:
            errs.append('returned mismatch %r' % (ret,))
        if it['trace_events'] <= 0:
            errs.append('no trace_events')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append('quote not in rationale: ' + c['quote'])
        last = it['rationale'].strip().splitlines()[-1]
        if not last.startswith('Answer:') or last[7:].strip() != it['answer']:
            errs.append('answer line mismatch')
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == ret
        else:
            ans_ok = it['answer'].startswith(it['function'] + '(') and plain_eval(it['code'], it['answer']) == ret
        if it['label'] == 'faithful':
            if not ans_ok:
                errs.append('answer wrong')
            for c in it['claims']:
                if not claim_true(c, ctx):
                    errs.append('false claim: %s' % c['quote'])
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                errs.append('error quote missing')
            ek = e['kind']
            if ek in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    errs.append('error answer is actually right')
            else:
                if not ans_ok and not e.get('carried'):
                    errs.append('answer should stay right')
                if e.get('carried') and not any(c.get('carried') for c in it['claims']):
                    errs.append('carried error without carried claims')
                ec = [c for c in it['claims'] if c['quote'] == e['quote']]
                if not ec:
                    errs.append('no claim for error')
                for c in ec:
                    if claim_true(c, ctx):
                        errs.append('error claim is actually true: ' + c['quote'])
                    if ek == 'impossible_state' and c['what'] == 'value' and ast.literal_eval(c['value']) in hist.get(c['variable'], []):
                        errs.append('impossible_state value occurs')
                    if e.get('held_elsewhere'):
                        v = ast.literal_eval(c['value'])
                        if c.get('sequence'):
                            real = hist['__after__'].get((c['after_line'], c['variable']), [])
                            real = real[c.get('start', 0):]
                            diff = [x for x, y in zip(v, real) if x != y]
                            v = diff[0] if len(diff) == 1 else object()
                        if not any(v in h for kk, h in hist.items() if kk != '__after__') and v not in hits.values():
                            errs.append('held_elsewhere value never held')
                others = [c for c in it['claims'] if c['quote'] != e['quote']]
                for c in others:
                    if not c.get('carried') and not claim_true(c, ctx):
                        errs.append('second false claim: ' + c['quote'])
        if errs:
            bad += 1
        out.append('%s %s %s' % ('FAIL' if errs else 'PASS', it['id'], '; '.join(errs)))
    out.append('items: %d  failed: %d' % (n, bad))
    return '\n'.join(out)

if __name__ == '__main__':
    if sys.argv[1] == 'dump':
        for l in open(sys.argv[2]):
            d = json.loads(l)
            ret, hist, hits, calls, ns = run_traced(d['code'], d['call'])
            print('==', d['id'], d['call'], '->', ret, len(d['events']))
            for k, v in hist.items():
                if k == '__after__': continue
                print('  ', k, v)
            print('   hits', sorted(hits.items()), calls)
    else:
        print(main(sys.argv[1]))
