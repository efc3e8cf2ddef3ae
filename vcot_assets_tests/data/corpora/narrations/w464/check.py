"""Standalone checker for w464 narrations: runs each call under sys.settrace,
records per-variable value histories (consecutive duplicates dropped, self.attr included)
and per-line execution counts, then checks claims, answers and error copies."""
import json, sys, copy, ast

def run(code, call):
    fname = '<w464prog>'
    g = {}
    exec(compile(code, fname, 'exec'), g)
    hist, lines = {}, {}
    def rec(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == 'self' and hasattr(v, '__dict__'):
                items += [('self.' + a, x) for a, x in vars(v).items()]
            for name, val in items:
                try: val = copy.deepcopy(val)
                except Exception: continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val): h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != fname: return None
        def local(frame, event, arg):
            if event == 'line':
                rec(frame); lines.setdefault(frame.f_lineno, []).append(frame.f_lineno)
                order.append(frame.f_lineno)
            elif event == 'return':
                rec(frame)
            return local
        return local
    order = []
    sys.settrace(tracer)
    try: result = eval(compile(call, fname + 'call', 'eval'), g)
    finally: sys.settrace(None)
    return result, hist, {k: len(v) for k, v in lines.items()}, order, g

def line_count(order, line, after=None):
    if after is None: return order.count(line)
    aline, k = after; seen = 0; c = 0
    for i, l in enumerate(order):
        if l == aline:
            seen += 1
            if seen > k: break
        elif l == line and seen == k: c += 1
    return c

def subseq(small, big):
    it = iter(big); return all(any(x == y for y in it) for x in small)

def dedupe(xs):
    o = []
    for x in xs:
        if not o or o[-1] != x: o.append(x)
    return o

def check_claim(c, res, hist, order, g):
    w = c['what']; val = ast.literal_eval(c['value']) if w != 'call' else c['value']
    if w == 'value':
        h = hist.get(c['variable'], [])
        if c.get('seq'): return subseq(dedupe(val), h)
        return val in h
    if w == 'count':
        if 'header' in c: return line_count(order, c['header']) - 1 == val
        after = c.get('iter_of_outer')
        if after: return line_count(order, c['line'], (4, after)) == val
        return line_count(order, c['line']) == val
    if w in ('arith', 'comparison'):
        return eval(c['expr']) == val
    if w == 'return':
        return val == res
    if w == 'call':
        return run_call(g, val) == res
    raise ValueError(w)

def run_call(g, call):
    return eval(call, dict(g))

def all_values(hist):
    for h in hist.values():
        for v in h: yield v

def check_error(item, res, hist, order, g):
    e = item['error']; chk = e['check']; w = chk['what']
    stated = chk.get('stated', e['stated'])
    if w == 'arith' or w == 'comparison':
        ok = eval(chk['expr']) != ast.literal_eval(stated) and eval(chk['expr']) == ast.literal_eval(e['actual'])
    elif w == 'value_at':
        h = hist[chk['variable']]; sv = ast.literal_eval(stated)
        ok = h[chk['at']] != sv
    elif w == 'count':
        ok = line_count(order, chk['line']) != ast.literal_eval(stated) and line_count(order, chk['line']) == ast.literal_eval(e['actual'])
    elif w == 'never':
        ok = ast.literal_eval(stated) not in hist.get(chk['variable'], [])
    elif w == 'answer':
        if item['direction'] == 'forward':
            ok = ast.literal_eval(item['answer']) != res
        else:
            ok = run_call(g, item['answer']) != res
    else:
        raise ValueError(w)
    if ok and e.get('held_elsewhere'):
        sv = ast.literal_eval(stated)
        ok = any(v == sv for v in all_values(hist)) or sv in order
    return ok

def main(path):
    bad = 0; n = 0; lines = []
    for l in open(path):
        it = json.loads(l); n += 1; probs = []
        res, hist, counts, order, g = run(it['code'], it['call'])
        if repr(res) != it['returned']: probs.append('returned mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']: probs.append('quote missing: ' + c['quote'])
        last = it['rationale'].strip().splitlines()[-1]
        if last != 'Answer: ' + it['answer']: probs.append('answer line mismatch')
        if it['label'] == 'faithful':
            for c in it['claims']:
                try:
                    if not check_claim(c, res, hist, order, g): probs.append('false claim: ' + c['quote'])
                except Exception as ex: probs.append('claim error %s: %r' % (c['quote'], ex))
            if it['direction'] == 'forward':
                if ast.literal_eval(it['answer']) != res: probs.append('forward answer wrong')
            else:
                if run_call(g, it['answer']) != res: probs.append('backward answer wrong')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']: probs.append('error quote missing')
            try:
                if not check_error(it, res, hist, order, g): probs.append('error not confirmed false')
            except Exception as ex: probs.append('error check exception %r' % ex)
            if e['kind'] != 'wrong_final_answer' and e['kind'] != 'backward_wrong_input':
                a_ok = (ast.literal_eval(it['answer']) == res) if it['direction'] == 'forward' else (run_call(g, it['answer']) == res)
                if not a_ok: probs.append('answer should stay right')
        status = 'PASS' if not probs else 'FAIL'
        if probs: bad += 1
        lines.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    lines.append('items: %d, failed: %d' % (n, bad))
    return lines, bad

if __name__ == '__main__':
    lines, bad = main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')
    print('\n'.join(lines))
    sys.exit(1 if bad else 0)
