"""Standalone checker for w106 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.attrs, consecutive duplicates dropped per frame)
and per-line execution counts, then checks claims, answers and error copies."""
import ast, json, sys, copy

def run_traced(code, call):
    hist, lines = {}, {}
    last = {}
    def rec(frame):
        fid = id(frame)
        seen = last.setdefault(fid, {})
        items = dict(frame.f_locals)
        if 'self' in items:
            try:
                for k, v in vars(items['self']).items():
                    items['self.' + k] = v
            except TypeError:
                pass
        for k, v in items.items():
            if k == 'self':
                continue
            try:
                r = repr(v)
            except Exception:
                continue
            if seen.get(k) != r:
                seen[k] = r
                h = hist.setdefault(k, [])
                if not h or h[-1] != r:
                    h.append(r)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            if event == 'line':
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            rec(frame)
            return local
        rec(frame)
        return local
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<prog>', 'eval'), g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_eval(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def norm(lit):
    return repr(ast.literal_eval(lit))

def arith_val(c):
    expr = c.get('expr') or c['quote'].split('=')[0]
    return eval(expr.replace('//', '//'), {})

def check_claim(c, ret, hist, lines):
    w = c['what']
    if w == 'value' and c.get('seq'):
        want = [repr(x) for x in ast.literal_eval(c['value'])]
        h = hist.get(c['variable'], [])
        return any(h[i:i + len(want)] == want for i in range(len(h)))
    if w == 'value':
        v = norm(c['value'])
        if c['variable'] is None:
            return any(v in h for h in hist.values()) or v == repr(ret)
        return v in hist.get(c['variable'], [])
    if w == 'count':
        n = int(c['variable'].split('@line')[1])
        return lines.get(n, 0) == ast.literal_eval(c['value'])
    if w == 'comparison':
        return bool(eval(c['expr'], {})) == ast.literal_eval(c['value'])
    if w == 'arith':
        return arith_val(c) == ast.literal_eval(c['value'])
    if w == 'return':
        return norm(c['value']) == repr(ret)
    if w == 'call':
        return True
    return False

def check_error(item, ret, hist, lines):
    e = item['error']; chk = e['check']; t = chk['type']
    stated = e['stated']
    if e['quote'] not in item['rationale']:
        return 'error quote not in rationale'
    if t == 'hist_at':
        h = hist.get(chk['variable'], [])
        k = chk['index']
        if k >= len(h): return 'index out of range'
        if repr(ast.literal_eval(stated)) == h[k]: return 'stated value is true at that point'
        if repr(ast.literal_eval(e['actual'])) != h[k]: return 'actual wrong: %s' % h[k]
        if e.get('held_elsewhere'):
            hv = hist.get(chk.get('held_var', chk['variable']), [])
            if repr(ast.literal_eval(stated)) not in hv:
                return 'held_elsewhere but never held'
        return None
    if t == 'absent':
        if norm(stated) in hist.get(chk['variable'], []): return 'stated value does occur'
        return None
    if t == 'count':
        n = lines.get(chk['line'], 0)
        if n == ast.literal_eval(stated): return 'count is actually right'
        if n != ast.literal_eval(e['actual']): return 'actual count wrong: %d' % n
        return None
    if t in ('arith', 'comparison'):
        v = eval(chk['expr'], {})
        if v == ast.literal_eval(stated): return 'arith/comparison actually right'
        if v != ast.literal_eval(e['actual']): return 'actual wrong'
        if e.get('held_elsewhere') and chk.get('held_var'):
            if norm(stated) not in hist.get(chk['held_var'], []): return 'held_elsewhere but never held'
        return None
    if t == 'answer':
        if norm(item['answer']) == repr(ret): return 'forward answer actually right'
        return None
    if t == 'call':
        if repr(plain_eval(item['code'], item['answer'])) == repr(ret): return 'backward call returns the output'
        return None
    return 'unknown check type'

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    byid = {i['id']: i for i in items}
    out, bad = [], 0
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']: probs.append('returned mismatch')
        if not it['rationale'].rstrip().splitlines()[-1].startswith('Answer:'):
            probs.append('last line not Answer:')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote missing: %r' % c['quote'])
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not check_claim(c, ret, hist, lines):
                    probs.append('false claim: %r' % c['quote'])
            if it['direction'] == 'forward':
                if norm(it['answer']) != repr(ret): probs.append('answer != returned')
            else:
                if repr(plain_eval(it['code'], it['answer'])) != repr(ret): probs.append('backward answer wrong')
        else:
            if it['faithful_id'] not in byid: probs.append('no faithful')
            p = check_error(it, ret, hist, lines)
            if p: probs.append('error not an error: ' + p)
            # every other claim must hold, unless it is the error or carried
            for c in it['claims']:
                if c.get('error') or c.get('carried'): continue
                if not check_claim(c, ret, hist, lines):
                    probs.append('unexpected false claim: %r' % c['quote'])
            if it['error']['kind'] != 'backward_wrong_input' and it['error']['kind'] != 'wrong_final_answer':
                ok_ans = (norm(it['answer']) == repr(ret)) if it['direction'] == 'forward' else (repr(plain_eval(it['code'], it['answer'])) == repr(ret))
                if not ok_ans and not it['error'].get('carried'): probs.append('answer wrong but error not carried')
        if probs: bad += 1
        out.append('%-28s %-6s %s' % (it['id'], 'FAIL' if probs else 'ok', '; '.join(probs)))
    out.append('items: %d, failing: %d' % (len(items), bad))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
