"""Standalone checker for w255 narrations: re-executes each program with sys.settrace."""
import json, sys, ast, copy

def run_traced(code, call):
    hist = {}      # var name -> list of values (consecutive duplicates collapsed)
    lines = {}     # line number -> hit count
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist.setdefault(name, [])
        if not h or h[-1] != v:
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    rec('self.' + a, av)
            elif not callable(v) and not hasattr(v, '__dict__'):
                rec(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        snap(frame)
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tr)
    try:
        ret = eval(compile(call, '<call>', 'eval'), g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_call(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def arith_val(expr):
    e = expr.split('=')[0] if '=' in expr and '==' not in expr else expr
    return eval(e.replace('×', '*'))

def loop_count(lines, label):
    ln = int(label.split('@line')[1])
    return lines.get(ln, 0) - 1

def check_claim(c, ret, hist, lines):
    w = c['what']
    val = ast.literal_eval(c['value']) if c['value'] is not None else None
    if w == 'value':
        return c['variable'] in hist and val in hist[c['variable']]
    if w == 'count':
        if c['variable'].startswith('body@line'):
            return lines.get(int(c['variable'].split('@line')[1]), 0) == val
        if '@line' in c['variable']:
            return loop_count(lines, c['variable']) == val
        if c['variable'] in hist:   # size of a container at the end
            return len(hist[c['variable']][-1]) == val
        return c.get('expr') is not None and eval(c['expr']) == val
    if w == 'arith':
        return (eval(c['expr']) if c.get('expr') else arith_val(c['quote'])) == val
    if w == 'comparison':
        return bool(eval(c.get('expr') or c['quote'])) == val
    if w == 'return':
        return ret == val
    if w == 'call':
        return True
    return False

def error_is_false(item, code, ret, hist, lines):
    e = item['error']; k = e['kind']; spec = e.get('check', {})
    stated = e['stated']
    if k == 'wrong_final_answer':
        return ast.literal_eval(item['answer']) != ret
    if k == 'backward_wrong_input':
        try:
            return plain_call(code, item['answer']) != ret
        except Exception:
            return True
    if k == 'wrong_arithmetic':
        return eval(spec['expr']) != ast.literal_eval(stated)
    if k == 'off_by_one_loop_count':
        lab = spec['loop']
        n = lines.get(int(lab.split('@line')[1]), 0) if lab.startswith('body@') else loop_count(lines, lab)
        return abs(n - ast.literal_eval(stated)) == 1
    if k == 'branch_not_taken':
        if 'line' in spec:   # stated hit True/False for a line
            return (lines.get(spec['line'], 0) > spec.get('min', 0)) != spec['stated_hit']
        return bool(eval(spec['expr'])) != ast.literal_eval(stated)
    # value-at-a-point kinds
    v = ast.literal_eval(stated)
    if 'actual_expr' in spec:   # independent recomputation of the value at that point
        ok = eval(spec['actual_expr'], {'hist': hist}) != v
        if e.get('held_elsewhere'):
            ok = ok and any(v in hh for hh in hist.values())
        return ok
    h = hist.get(spec['var'], [])
    if k == 'impossible_state':
        return v not in h
    at = h[spec['index']]
    if 'key' in spec:
        at = at[spec['key']]
    ok = at != v
    if e.get('held_elsewhere'):
        anywhere = any(v in hh for hh in hist.values())
        ok = ok and anywhere
    if k == 'swapped_variables':
        v2 = ast.literal_eval(spec['stated2']); h2 = hist.get(spec['var2'], [])
        ok = ok or h2[spec['index2']] != v2
    return ok

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    out, bad = [], 0
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r' % (ret,))
        if it['rationale'].rstrip().splitlines()[-1].strip() != 'Answer: ' + it['answer'] and \
           not it['rationale'].rstrip().splitlines()[-1].strip().endswith(it['answer']):
            probs.append('answer line mismatch')
        errq = it['error']['quote'] if it['error'] else None
        if errq is not None and errq not in it['rationale']:
            probs.append('error quote not in rationale')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote missing: ' + c['quote'])
            if errq is not None and (c['quote'] == errq or c.get('is_error')):
                continue
            if it['error'] and it['error'].get('carried') and c.get('carried'):
                continue
            # the value written in the quote must be the annotated value (digit-written claims)
            if it['style'] != 'number_words' and c['what'] in ('value', 'return') and c['value'] is not None:
                norm = lambda t: t.replace(' ', '').replace('`', '')
                val = ast.literal_eval(c['value'])
                q = norm(c['quote'])
                shown = lambda p: norm(repr(p)) in q or norm(str(p)) in q
                if isinstance(val, dict):
                    good = any(shown(p) for p in val.values())
                elif isinstance(val, (list, tuple)):
                    good = shown(val) or norm(', '.join(map(str, val))) in q
                else:
                    good = shown(val)
                if not good:
                    probs.append('quote does not show value: %s -> %s' % (c['quote'], c['value']))
            if not check_claim(c, ret, hist, lines):
                probs.append('false claim: %s -> %s' % (c['quote'], c['value']))
        # forward items: value claims of one variable must appear in execution order
        if it['direction'] == 'forward':
            pos = {}
            for c in sorted(it['claims'], key=lambda c: it['rationale'].find(c['quote'])):
                if c['what'] != 'value' or c.get('is_error') or c.get('carried') or c['variable'] not in hist:
                    continue
                h = hist[c['variable']]; v = ast.literal_eval(c['value'])
                if c['variable'] in pos:
                    last = pos[c['variable']]
                    start = last if h[last] == v else last + 1
                else:
                    start = 0
                idx = next((k for k in range(start, len(h)) if h[k] == v), None)
                if idx is None:
                    probs.append('out-of-order value: %s' % c['quote'])
                else:
                    pos[c['variable']] = idx
        if it['label'] == 'faithful' or (it['error']['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and not it['error'].get('carried')):
            if it['direction'] == 'forward':
                if ast.literal_eval(it['answer']) != ret:
                    probs.append('forward answer wrong')
            else:
                if plain_call(it['code'], it['answer']) != ret:
                    probs.append('backward answer wrong')
        if it['label'] == 'error' and not error_is_false(it, it['code'], ret, hist, lines):
            probs.append('error not actually false')
        status = 'PASS' if not probs else 'FAIL'
        bad += bool(probs)
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('TOTAL %d items, %d failing' % (len(items), bad))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out))

if __name__ == '__main__':
    main()
