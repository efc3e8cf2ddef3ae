"""Standalone checker for w357 narrations: re-executes each program under sys.settrace,
records every variable's value history (locals and self.<attr>) and line hit counts,
then verifies claims, answers and that each error copy's error is really false."""
import json, sys, copy, ast

def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist, hits, perline, lastline = {}, {}, {}, {}
    def rec_after(frame):
        # values of every local right after the previously executed line of this frame
        last = lastline.get(id(frame))
        if last is None: return
        for name, v in list(frame.f_locals.items()):
            try: v = copy.deepcopy(v)
            except Exception: pass
            perline.setdefault((last, name), []).append(v)
    def rec(frame):
        for name, v in list(frame.f_locals.items()):
            items = [(name, v)]
            if name == 'self' and hasattr(v, '__dict__'):
                items = [('self.' + a, b) for a, b in vars(v).items()]
            for n, val in items:
                try: val = copy.deepcopy(val)
                except Exception: pass
                h = hist.setdefault(n, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        rec(frame)
        if event in ('line', 'return'):
            rec_after(frame)
            lastline[id(frame)] = frame.f_lineno if event == 'line' else None
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    hist['__perline__'] = perline
    return ns, result, hist, hits

def lit(s): return ast.literal_eval(s)

def loop_count(label, hits):
    # 'loop@line N': times body line N ran; 'header@line N': for-header hits minus the final exhausting check
    line = int(label.split('line')[1]); n = hits.get(line, 0)
    return n - 1 if label.startswith('header') else n

def check_claim(c, hist, hits, returned, ns):
    w = c['what']
    if w == 'value':
        v = lit(c['value']); h = hist.get(c['variable'], [])
        if 'after_line' in c:
            return hist['__perline__'].get((c['after_line'], c['variable']), []) == v
        if 'at' in c:
            return len(h) > abs(c['at']) and h[c['at']] == v
        if 'seq_from' in c:
            k = c['seq_from']; return h[k:k + len(v)] == v
        return v in h
    if w == 'count':
        return loop_count(c['variable'], hits) == lit(c['value'])
    if w in ('arith', 'comparison'):
        return eval(c['expr'], {}) == lit(c['value'])
    if w == 'return':
        return lit(c['value']) == returned
    if w == 'call':
        return eval(c['value'], dict(ns)) == returned
    raise ValueError(w)

def check_error(e, item, hist, hits, returned, ns):
    k = e['kind']; stated = e['stated']; msgs = []
    if k == 'wrong_final_answer':
        ok = lit(item['answer']) != returned and lit(e['actual']) == returned
    elif k == 'backward_wrong_input':
        ok = eval(item['answer'], dict(ns)) != returned and eval(e['actual'], dict(ns)) == returned
    elif 'expr' in e:
        val = eval(e['expr'], {})
        ok = val == lit(e['actual']) and val != lit(stated)
    elif 'loop' in e:
        n = loop_count(e['loop'], hits)
        ok = n == lit(e['actual']) and n != lit(stated)
    elif 'at' in e:
        h = hist[e['variable']]
        if 'after_line' in e: h = hist['__perline__'][(e['after_line'], e['variable'])]
        v = h[e['at']]
        ok = v == lit(e['actual']) and v != lit(stated)   # false AT THAT POINT
    elif k == 'impossible_state':
        h = hist.get(e['variable'], [])
        ok = lit(stated) not in h and lit(e['actual']) in h
    else:
        ok = False; msgs.append('no way to check')
    if e.get('held_elsewhere'):
        h = hist.get(e.get('variable'), [])
        held = lit(stated) in h
        if not held: msgs.append('held_elsewhere but stated value never held')
        ok = ok and held
    return ok, msgs

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    ids = {i['id'] for i in items}
    fails = 0; lines = []
    for it in items:
        ns, result, hist, hits = run(it['code'], it['call'])
        prob = []
        if repr(result) != it['returned']: prob.append('returned mismatch %r' % (result,))
        if not it['rationale'].rstrip().splitlines()[-1].startswith('Answer:'): prob.append('no Answer line')
        for c in it['claims']:
            if c['quote'] not in it['rationale']: prob.append('quote missing: ' + c['quote'])
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not check_claim(c, hist, hits, result, ns): prob.append('false claim: ' + c['quote'])
            if it['direction'] == 'forward':
                if lit(it['answer']) != result: prob.append('forward answer wrong')
            else:
                if eval(it['answer'], dict(ns)) != result: prob.append('backward answer wrong')
        else:
            e = it['error']
            if it['faithful_id'] not in ids: prob.append('faithful_id missing')
            if e['quote'] not in it['rationale']: prob.append('error quote missing')
            ok, m = check_error(e, it, hist, hits, result, ns)
            prob += m
            if not ok: prob.append('error not confirmed false')
            # every other claim must still be true; the error claim must be false
            nfalse = 0
            for c in it['claims']:
                if not check_claim(c, hist, hits, result, ns):
                    nfalse += 1
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and nfalse != 1 and not e.get('carried'):
                prob.append('expected exactly one false claim, got %d' % nfalse)
            if e['kind'] in ('wrong_final_answer',) and lit(it['answer']) == result: prob.append('answer not wrong')
            if e['kind'] != 'wrong_final_answer' and it['direction'] == 'forward' and lit(it['answer']) != result:
                prob.append('forward answer should stay right')
            if e['kind'] != 'backward_wrong_input' and it['direction'] == 'backward' and eval(it['answer'], dict(ns)) != result:
                prob.append('backward answer should stay right')
        status = 'PASS' if not prob else 'FAIL'
        fails += bool(prob)
        lines.append('%s %s %s' % (status, it['id'], '; '.join(prob)))
    lines.append('TOTAL %d items, %d failed' % (len(items), fails))
    print('\n'.join(lines))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
