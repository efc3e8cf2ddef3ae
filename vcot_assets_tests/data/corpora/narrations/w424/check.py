"""Standalone checker for w424 narrations: plain execution + sys.settrace histories."""
import ast, copy, json, sys

def run_traced(code, call):
    hist = {}          # name -> list of distinct successive values (per frame, merged in time order)
    last = {}          # (frame id, name) -> repr of last value
    lines = {}         # loop header line -> number of iterations (header followed by a body line)
    loops = {}
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, (ast.For, ast.While)):
            loops[node.lineno] = (node.body[0].lineno, max(getattr(b, 'end_lineno', b.lineno) for b in node.body))
    prev = {}
    rets = []
    def rec(frame, name, val):
        key = (id(frame), name)
        try:
            r = repr(val)
        except Exception:
            r = object()
        if last.get(key) != r:
            last[key] = r
            try:
                v = copy.deepcopy(val)
            except Exception:
                v = val
            hist.setdefault(name, []).append(v)
    def snap(frame):
        for n, v in list(frame.f_locals.items()):
            if n.startswith('.') or n.startswith('__'):
                continue
            if n == 'self' and hasattr(v, '__dict__'):
                for a, av in list(vars(v).items()):
                    rec(frame, 'self.' + a, av)
                continue
            if callable(v) and not isinstance(v, (list, dict, tuple, set, str)):
                continue
            if hasattr(v, '__dict__') and not isinstance(v, type):
                for a, av in list(vars(v).items()):
                    rec(frame, n + '.' + a, av)
                continue
            rec(frame, n, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if frame.f_code.co_name in ('<genexpr>', '<listcomp>', '<dictcomp>', '<setcomp>'):
            return tracer
        if event == 'line':
            p = prev.get(id(frame))
            L = frame.f_lineno
            if p in loops and loops[p][0] <= L <= loops[p][1]:
                lines[p] = lines.get(p, 0) + 1
            prev[id(frame)] = L
        snap(frame)
        if event == 'return':
            rets.append((frame.f_code.co_name, copy.deepcopy(arg)))
            hist.setdefault('return:' + frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        out = eval(compile(call, '<prog>', 'eval'), g)
    finally:
        sys.settrace(None)
    return out, hist, lines

def plain(code, call):
    g = {}
    exec(compile(code, '<x>', 'exec'), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def arith_value(c):
    expr = c.get('expr') or c['quote'].rsplit('=', 1)[0]
    return eval(expr.replace('\u2212', '-').replace('`', '').strip(), {})

def claim_true(c, hist, lines, returned):
    w = c['what']
    if w == 'value' and c.get('sequence'):
        seq = []
        for x in lit(c['value']):
            if not seq or seq[-1] != x:
                seq.append(x)
        it = iter(hist.get(c['variable'], []))
        return all(any(x == y for y in it) for x in seq)
    if w == 'value':
        v = lit(c['value'])
        h = hist.get(c['variable'], [])
        if 'index' in c:
            return c['index'] < len(h) and h[c['index']] == v
        return any(x == v and type(x) == type(v) or x == v for x in h)
    if w == 'count':
        lab = c['variable']
        ln = int(lab.split('@line')[1]) if '@line' in lab else int(c['line'])
        return lines.get(ln, 0) == lit(c['value'])
    if w in ('arith', 'comparison'):
        return arith_value(c) == lit(c['value'])
    if w == 'return':
        if c.get('variable') and ('return:' + c['variable']) in hist:
            return lit(c['value']) in hist['return:' + c['variable']]
        return lit(c['value']) == returned
    if w == 'call':
        return True
    raise ValueError(w)

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    by_id = {it['id']: it for it in items}
    fails, report = 0, []
    for it in items:
        probs = []
        out, hist, lines = run_traced(it['code'], it['call'])
        if repr(out) != it['returned']:
            probs.append('returned mismatch %r vs %s' % (out, it['returned']))
        if it['trace_events'] < 1:
            probs.append('no events')
        if not it['rationale'].rstrip().splitlines()[-1].startswith('Answer:') and not it['rationale'].rstrip().splitlines()[-1].startswith('Predicted Output:'):
            probs.append('last line not Answer')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('claim quote missing: %r' % c['quote'])
        err = it['error']
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not claim_true(c, hist, lines, out):
                    probs.append('false claim: %r' % c)
        else:
            fid = it['faithful_id']
            if fid not in by_id:
                probs.append('faithful missing')
            if err['quote'] not in it['rationale']:
                probs.append('error quote missing')
            ec = [c for c in it['claims'] if c['quote'] == err['quote']]
            if 'claim_pos' in err:
                ec = [it['claims'][err['claim_pos']]]
            if err['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                pass
            elif not ec:
                probs.append('no claim for error quote')
            else:
                c = ec[0]
                if c.get('sequence'):
                    if lit(err['stated']) not in lit(c['value']):
                        probs.append('stated not in sequence claim')
                elif c['value'] != err['stated'] and lit(c['value']) != lit(err['stated']):
                    probs.append('claim value != stated')
                if claim_true(dict(c, **({'index': err['index']} if 'index' in err else {})), hist, lines, out):
                    probs.append('error claim is actually TRUE')
                if err.get('held_elsewhere'):
                    v = lit(err['stated'])
                    held = any(v == x for h in hist.values() for x in h) or v in lines.values()
                    if not held:
                        probs.append('held_elsewhere but value never held')
                # other claims must be true except those carried
                for o in it['claims']:
                    if (ec and o is ec[0]) or (not ec and o['quote'] == err['quote']) or o.get('carried'):
                        continue
                    if not claim_true(o, hist, lines, out):
                        probs.append('other false claim: %r' % o)
        # answer checks
        if it['direction'] == 'forward':
            good = lit(it['answer']) == out
            if it['label'] == 'error' and err['kind'] == 'wrong_final_answer':
                if good: probs.append('wrong_final_answer answer is right')
            elif not good:
                probs.append('forward answer wrong')
        else:
            try:
                bo = plain(it['code'], it['answer'])
                good = repr(bo) == it['returned']
            except Exception as e:
                good = False
            if it['label'] == 'error' and err['kind'] == 'backward_wrong_input':
                if good: probs.append('backward_wrong_input answer works')
            elif not good:
                probs.append('backward answer does not reproduce output')
        if it['rationale'].rstrip().splitlines()[-1] .split(':', 1)[1].strip() != it['answer']:
            probs.append('answer field != Answer line')
        status = 'PASS' if not probs else 'FAIL'
        if probs: fails += 1
        report.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    report.append('TOTAL %d items, %d failing' % (len(items), fails))
    return report, fails

if __name__ == '__main__':
    rep, f = main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')
    print('\n'.join(rep))
    sys.exit(1 if f else 0)
