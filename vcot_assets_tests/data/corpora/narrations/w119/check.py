"""Standalone checker for w119 narrations: re-executes each program with sys.settrace,
records every variable's value history and per-line hit counts, and checks claims/errors."""
import ast, copy, json, sys

def run(code, call):
    hist = {}      # var -> list of values (consecutive duplicates collapsed)
    hits = {}      # lineno -> count of line events in program code
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if hasattr(v, '__dict__') and not callable(v) and not isinstance(v, type):
                items += [(k + '.' + a, av) for a, av in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        snap(frame)
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            loc = {}
            for k, v in frame.f_locals.items():
                try:
                    loc[k] = copy.deepcopy(v)
                    if hasattr(v, '__dict__') and not callable(v):
                        for a, av in vars(v).items():
                            loc[k + '.' + a] = copy.deepcopy(av)
                except Exception:
                    pass
            hits[('snap', frame.f_lineno, hits[frame.f_lineno])] = loc
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns

def lit(s):
    return ast.literal_eval(s)

def arith_eval(quote, expr=None):
    if expr is None:
        left = quote.replace('`', '').rsplit('=', 1)[0]
        expr = left
    return eval(expr, {})

def check_claim(c, ret, hist, hits, ns, text):
    q = c['quote']
    if q not in text:
        return 'quote not in rationale: %r' % q
    what = c['what']
    val = lit(c['value'])
    if what == 'value':
        if c['variable'] is None:
            return 'value claim without variable'
        if val not in hist.get(c['variable'], []):
            return 'value %r never held by %s' % (val, c['variable'])
    elif what == 'count':
        line = int(c['variable'].split('@line')[1])
        if hits.get(line, 0) != val:
            return 'count %r != %r' % (val, hits.get(line, 0))
    elif what == 'comparison':
        if bool(eval(c['expr'], {})) != val:
            return 'comparison %r false' % c['expr']
    elif what == 'arith':
        if arith_eval(q, c.get('expr')) != val:
            return 'arith %r wrong' % q
    elif what == 'return':
        if val != ret:
            return 'return %r != %r' % (val, ret)
    elif what == 'call':
        r2, *_ = run(ns['__code__'], c['value'] if False else val)
    return None

def check_error(it, ret, hist, hits, code):
    e = it['error']
    ch = e['check']
    k = e['kind']
    if e['quote'] not in it['rationale']:
        return 'error quote missing'
    stated = lit(e['stated']) if ch.get('literal', True) else e['stated']
    t = ch['type']
    if t == 'at':
        h = hist.get(ch['var'], [])
        if h[ch['index']] == stated:
            return 'stated equals actual at point'
        if e.get('held_elsewhere'):
            ev = ch.get('elsewhere_var', ch['var'])
            if stated not in hist.get(ev, []):
                return 'held_elsewhere but never held'
        elif stated in h and k != 'swapped_variables':
            pass
    elif t == 'at_line':
        actual = hits[('snap', ch['line'], ch['hit'])][ch['var']]
        if actual == stated:
            return 'stated equals actual at that line hit'
        if e.get('held_elsewhere'):
            ev = ch.get('elsewhere_var', ch['var'])
            if stated not in hist.get(ev, []):
                return 'held_elsewhere but never held'
    elif t == 'never':
        if stated in hist.get(ch['var'], []):
            return 'impossible_state value actually occurs'
    elif t == 'arith':
        if eval(ch['expr'], {}) == stated:
            return 'arith actually right'
        if e.get('held_elsewhere') and stated not in hist.get(ch['var'], []):
            return 'held_elsewhere but never held'
    elif t == 'count':
        if hits.get(ch['line'], 0) == stated:
            return 'count actually right'
        if e.get('held_elsewhere') and stated not in hist.get(ch['var'], []):
            return 'held_elsewhere but never held'
    elif t == 'comparison':
        if bool(eval(ch['expr'], {})) == stated:
            return 'comparison actually right'
    elif t == 'answer':
        if lit(it['answer']) == ret:
            return 'answer actually right'
    elif t == 'call':
        r2, *_ = run(code, it['answer'])
        if r2 == ret:
            return 'wrong-input call actually returns output'
    return None

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    out = []
    bad = 0
    for it in items:
        probs = []
        ret, hist, hits, ns = run(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r' % (ret,))
        if not it['rationale'].rstrip().endswith(it['answer']) or 'Answer:' not in it['rationale'] and 'Predicted Output:' not in it['rationale']:
            probs.append('answer line mismatch')
        if it['label'] == 'faithful':
            for c in it['claims']:
                if c['what'] == 'call':
                    r2, *_ = run(it['code'], lit(c['value']))
                    p = None if r2 == ret else 'call claim wrong'
                else:
                    p = check_claim(c, ret, hist, hits, ns, it['rationale'])
                if p: probs.append(p)
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret: probs.append('forward answer wrong')
            else:
                r2, *_ = run(it['code'], it['answer'])
                if r2 != ret: probs.append('backward answer wrong')
        else:
            p = check_error(it, ret, hist, hits, it['code'])
            if p: probs.append(p)
            # all other claims (excluding the erroneous one and carried ones) must hold
            for c in it['claims']:
                if c.get('error') or c.get('carried'):
                    continue
                if c['what'] == 'call':
                    continue
                p = check_claim(c, ret, hist, hits, ns, it['rationale'])
                if p: probs.append('other claim: ' + p)
            if it['direction'] == 'forward' and e_kind(it) != 'wrong_final_answer':
                if lit(it['answer']) != ret and not it['error'].get('carried'):
                    probs.append('answer wrong outside wrong_final_answer')
        status = 'PASS' if not probs else 'FAIL ' + '; '.join(probs)
        bad += bool(probs)
        out.append('%s %s' % (it['id'], status))
    out.append('%d items, %d failing' % (len(items), bad))
    print('\n'.join(out))
    return bad

def e_kind(it):
    return it['error']['kind']

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
