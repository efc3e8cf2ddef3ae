"""Standalone checker for w156 narrations: executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>), line hit counts, and
checks every claim of faithful items and the single error of each error copy."""
import ast, copy, json, sys

def run_traced(code, call):
    hist, lines = {}, {}
    last = {}
    def snap(frame):
        items = dict(frame.f_locals)
        if 'self' in items and hasattr(items['self'], '__dict__'):
            for k, v in vars(items['self']).items():
                items['self.' + k] = v
        fid = id(frame)
        selfobj = items.get('self')
        for k, v in items.items():
            if k == 'self':
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            key = ('self', id(selfobj), k) if k.startswith('self.') else (fid, k)
            if key not in last or last[key] != v2 or type(last[key]) != type(v2):
                last[key] = v2
                hist.setdefault(k, []).append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        fid = id(frame)
        for key in [kk for kk in last if kk[0] == fid]:
            del last[key]
        def local(frame, event, arg):
            snap(frame)
            if event == 'line':
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            return local
        return local(frame, event, arg)
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, lines

def plain_call(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def arith_expr(c):
    if c.get('expr'):
        return c['expr']
    q = c['quote'].replace('`', '')
    return q.rsplit('=', 1)[0] if '==' not in q else q.split('==')[0]

def check_claim(c, item, res, hist, lines, problems):
    w, q = c['what'], c['quote']
    if q not in item['rationale']:
        problems.append('quote not in rationale: %r' % q); return
    v = lit(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if v not in h:
            problems.append('value %r never held by %s' % (v, c['variable']))
        elif 'nth' in c and h[c['nth']] != v:
            problems.append('value %r not %s[%d]=%r' % (v, c['variable'], c['nth'], h[c['nth']]))
    elif w == 'count':
        ln = int(c['variable'].split('@line')[1]) if '@line' in c['variable'] else c['line']
        if lines.get(ln, 0) != v:
            problems.append('count %r != %r (line %d)' % (v, lines.get(ln, 0), ln))
    elif w == 'comparison':
        got = eval(c['expr'])
        if bool(got) != v:
            problems.append('comparison %r evals %r' % (c['expr'], got))
    elif w == 'arith':
        got = eval(arith_expr(c))
        if got != v:
            problems.append('arith %r = %r not %r' % (q, got, v))
    elif w == 'return':
        if res != v:
            problems.append('return %r != %r' % (v, res))
    elif w == 'call':
        if plain_call(item['code'], v) != res:
            problems.append('call does not reproduce')

def error_is_false(item, res, hist, lines):
    e = item['error']; chk = e['check']; t = chk['type']
    stated = chk.get('value', e['stated'])
    if e['quote'] not in item['rationale']:
        return 'error quote missing'
    if t == 'hist':
        h = hist.get(chk['var'], [])
        sv = lit(stated)
        if chk['nth'] < len(h) and h[chk['nth']] == sv:
            return 'stated equals actual at that point'
        if repr(h[chk['nth']]) != chk.get('actual', e['actual']) and str(h[chk['nth']]) != chk.get('actual', e['actual']):
            return 'actual %r mismatch %r' % (e['actual'], h[chk['nth']])
        if e.get('held_elsewhere') and sv not in h:
            return 'held_elsewhere but value never held'
        if e['kind'] == 'impossible_state' and sv in h:
            return 'impossible_state value is held'
    elif t == 'never':
        if lit(stated) in hist.get(chk['var'], []):
            return 'value actually held'
    elif t == 'arith':
        got = eval(chk['expr'])
        if got == lit(stated):
            return 'arith is right'
        if e.get('held_elsewhere') and lit(stated) not in hist.get(chk.get('var', ''), []):
            return 'held_elsewhere but not held'
    elif t == 'count':
        n = lines.get(chk['line'], 0)
        if n == lit(stated):
            return 'count is right'
        if n != lit(e['actual']):
            return 'actual count wrong'
    elif t == 'cmp':
        if bool(eval(chk['expr'])) == lit(stated):
            return 'comparison is right'
    elif t == 'answer':
        if lit(item['answer']) == res:
            return 'answer is right'
    elif t == 'call':
        try:
            if plain_call(item['code'], item['answer']) == res:
                return 'call reproduces output'
        except Exception:
            pass
    else:
        return 'unknown check type'
    return None

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    out, bad = [], 0
    cache = {}
    for it in items:
        key = (it['code'], it['call'])
        if key not in cache:
            cache[key] = run_traced(it['code'], it['call'])
        res, hist, lines = cache[key]
        problems = []
        if repr(res) != it['returned']:
            problems.append('returned mismatch %r' % (res,))
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']) and \
           not it['rationale'].rstrip().endswith('Predicted Output: ' + it['answer']):
            problems.append('answer line mismatch')
        if it['label'] == 'faithful':
            for c in it['claims']:
                try:
                    check_claim(c, it, res, hist, lines, problems)
                except Exception as ex:
                    problems.append('claim error %r: %s' % (c['quote'], ex))
            if it['direction'] == 'forward':
                if lit(it['answer']) != res:
                    problems.append('forward answer wrong')
            else:
                if plain_call(it['code'], it['answer']) != res:
                    problems.append('backward answer does not reproduce')
        else:
            for c in it['claims']:
                if c['quote'] not in it['rationale']:
                    problems.append('claim quote missing %r' % c['quote'])
            try:
                r = error_is_false(it, res, hist, lines)
            except Exception as ex:
                r = 'error check crashed: %s' % ex
            if r:
                problems.append(r)
        status = 'PASS' if not problems else 'FAIL'
        if problems:
            bad += 1
        out.append('%s %s %s' % (status, it['id'], '; '.join(problems)))
    out.append('TOTAL %d items, %d failing' % (len(items), bad))
    txt = '\n'.join(out) + '\n'
    open('check_report.txt', 'w').write(txt)
    print(txt)
    return bad

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
