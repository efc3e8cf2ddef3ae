"""Standalone checker for w458 narrations: re-executes each program with sys.settrace."""
import sys, json, copy, ast

def run_traced(code, call):
    snaps, returns, linecount = [], {}, {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            loc = {}
            for k, v in frame.f_locals.items():
                if k == 'self':
                    for a, av in vars(v).items():
                        loc['self.' + a] = copy.deepcopy(av)
                else:
                    try: loc[k] = copy.deepcopy(v)
                    except Exception: loc[k] = v
            if event == 'line':
                linecount[frame.f_lineno] = linecount.get(frame.f_lineno, 0) + 1
                snaps.append((frame.f_code.co_name, frame.f_lineno, loc))
            elif event == 'return':
                snaps.append((frame.f_code.co_name, -1, loc))
                returns.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
            return local
        return local(frame, event, arg)
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return res, snaps, returns, linecount

def evalvar(var, loc):
    if var in loc: return True, loc[var]
    env = {k: v for k, v in loc.items() if not k.startswith('self.')}
    attrs = {k[5:]: v for k, v in loc.items() if k.startswith('self.')}
    if attrs:
        import types
        env['self'] = types.SimpleNamespace(**attrs)
    try: return True, eval(var, {}, env)
    except Exception: return False, None

def history(var, snaps, line=None):
    h = []
    for fn, ln, loc in snaps:
        if line is not None and ln != line: continue
        ok, v = evalvar(var, loc)
        if not ok: continue
        if line is not None or not h or h[-1] != v: h.append(v)
    return h

def contig(sub, seq):
    return any(seq[i:i + len(sub)] == sub for i in range(len(seq) - len(sub) + 1))

def call_returns(code, call):
    ns = {}; exec(compile(code, '<prog2>', 'exec'), ns)
    try: return True, repr(eval(call, ns))
    except Exception as e: return False, 'raises %s' % type(e).__name__

def check_claim(c, it, snaps, returns, linecount, returned_val):
    """Return True if the claim is true of the execution."""
    w = c['what']; val = c['value']
    if w in ('arith', 'comparison'):
        expr = c.get('expr') or c['quote'].split(' is ')[0].split(' = ')[0].strip('`')
        return eval(expr) == ast.literal_eval(val)
    if w == 'count':
        line = int(c['variable'].split('line')[1])
        return linecount.get(line, 0) == int(val)
    if w == 'return':
        return ast.literal_eval(val) in returns.get(c['variable'], [])
    if w == 'call':
        ok, r = call_returns(it['code'], val)
        return ok and r == it['returned']
    if w == 'value':
        v = ast.literal_eval(val)
        if c.get('at_cond'):
            for fn, ln, loc in snaps:
                if c.get('at_line') is not None and ln != c['at_line']: continue
                try:
                    if eval(c['at_cond'], {}, dict(loc)):
                        return evalvar(c['variable'], loc)[1] == v
                except Exception: pass
            return False
        h = history(c['variable'], snaps, c.get('at_line'))
        if c.get('at_index') is not None:
            return len(h) > c['at_index'] and h[c['at_index']] == v
        if c.get('seq'):
            return contig(v, h)
        return v in h
    raise ValueError(w)

def held_somewhere(c, snaps):
    v = ast.literal_eval(c['value'])
    h = history(c.get('held_var') or c['variable'], snaps)
    if c['what'] == 'count':
        return True
    if c.get('seq'):
        return all(x in h for x in v)
    return v in h

def main(path):
    items = [json.loads(l) for l in open(path)]
    out, bad = [], 0
    for it in items:
        probs = []
        res, snaps, returns, linecount = run_traced(it['code'], it['call'])
        if repr(res) != it['returned']: probs.append('returned mismatch %r' % (res,))
        err = it['error']
        for c in it['claims']:
            if c['quote'] not in it['rationale']: probs.append('quote missing: ' + c['quote'])
            is_err = err is not None and c['quote'] == err['quote']
            try: t = check_claim(c, it, snaps, returns, linecount, res)
            except Exception as e: probs.append('claim error %s: %s' % (c['quote'], e)); continue
            if is_err:
                if t: probs.append('error claim is actually TRUE: ' + c['quote'])
                if err.get('held_elsewhere') and not held_somewhere(c, snaps):
                    probs.append('held_elsewhere but value never held: ' + c['quote'])
            elif not t:
                probs.append('false claim: ' + c['quote'])
        last = it['rationale'].strip().splitlines()[-1]
        if last != 'Answer: ' + it['answer']: probs.append('answer line mismatch')
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == res
        else:
            ok, r = call_returns(it['code'], it['answer']); ans_ok = ok and r == it['returned']
        wrong_ans_kinds = ('wrong_final_answer', 'backward_wrong_input')
        if err and err['kind'] in wrong_ans_kinds:
            if ans_ok: probs.append('answer should be wrong but is right')
        elif not ans_ok: probs.append('answer wrong')
        if err:
            if err['quote'] not in it['rationale']: probs.append('error quote missing')
            if not any(c['quote'] == err['quote'] for c in it['claims']): probs.append('error claim not in claims')
        status = 'OK' if not probs else 'FAIL'
        bad += bool(probs)
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('TOTAL %d items, %d failing' % (len(items), bad))
    print('\n'.join(out))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
