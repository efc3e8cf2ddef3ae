"""Standalone checker for w150 narrations: re-executes each program with sys.settrace,
records per-variable value histories and line hit counts, and checks every claim."""
import json, sys, copy, ast

def run(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist, hits, last = {}, {}, {}
    def snap(frame):
        loc = frame.f_locals
        items = [(k, v) for k, v in loc.items() if not k.startswith('__')]
        if 'self' in loc:
            for a, v in vars(loc['self']).items():
                items.append(('self.' + a, v))
        for k, v in items:
            if callable(v) or k == 'self':
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            key = (id(frame), k)
            if key in last and last[key] == v:
                continue
            last[key] = v
            hist.setdefault(k, []).append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ('line', 'return'):
            snap(frame)
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return g, ret, hist, hits

def loop_count(label, hits):
    n = int(label.split('@line')[1])
    return hits.get(n + 1, 0)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ctx, rat):
    g, ret, hist, hits = ctx
    errs = []
    if c['quote'] not in rat:
        errs.append('quote not in rationale: %r' % c['quote'])
    w = c['what']
    if w == 'value':
        v = lit(c['value'])
        if v not in hist.get(c['variable'], []):
            errs.append('value %r never held by %s' % (v, c['variable']))
    elif w == 'count':
        if loop_count(c['variable'], hits) != lit(c['value']):
            errs.append('count %s != %s' % (c['value'], loop_count(c['variable'], hits)))
    elif w in ('comparison', 'arith'):
        if eval(c['expr']) != lit(c['value']):
            errs.append('%s: %s evaluates to %r not %s' % (w, c['expr'], eval(c['expr']), c['value']))
    elif w == 'return':
        if lit(c['value']) != ret:
            errs.append('return %s != %r' % (c['value'], ret))
    elif w == 'call':
        if eval(c['value'], dict(g)) != ret:
            errs.append('call does not reproduce output')
    return errs

def held_somewhere(v, hist):
    for hv in hist.values():
        if v in hv:
            return True
        for x in hv:
            if isinstance(x, (list, tuple)) and v in x:
                return True
            if isinstance(x, dict) and v in x.values():
                return True
    return False

def check_error(e, item, ctx):
    """Return list of problems: each check must show the stated value FALSE at that point."""
    g, ret, hist, hits = ctx
    errs = []
    if e['quote'] not in item['rationale']:
        errs.append('error quote missing')
    for ch in e['checks']:
        t = ch['type']
        st = ch.get('stated')
        if t == 'hist_at':
            h = hist.get(ch['variable'], [])
            k = ch['k']
            if k >= len(h) or h[k] != lit(ch['actual']) or h[k] == lit(st):
                errs.append('hist_at %s[%d]=%r actual %s stated %s' % (ch['variable'], k, h[k] if k < len(h) else None, ch['actual'], st))
            if e.get('held_elsewhere') and not held_somewhere(lit(st), hist):
                errs.append('held_elsewhere but %s never held' % st)
        elif t == 'absent':
            vals = hist.get(ch['variable'], [])
            if lit(st) in vals:
                errs.append('impossible state %s is actually held by %s' % (st, ch['variable']))
        elif t == 'expr':
            if eval(ch['expr']) == lit(st) or eval(ch['expr']) != lit(ch['actual']):
                errs.append('expr %s = %r; stated %s actual %s' % (ch['expr'], eval(ch['expr']), st, ch['actual']))
            if e.get('held_elsewhere') and not held_somewhere(lit(st), hist):
                errs.append('held_elsewhere but %s never held' % st)
        elif t == 'count':
            n = loop_count(ch['variable'], hits)
            if n == lit(st) or n != lit(ch['actual']):
                errs.append('count %s: real %d stated %s' % (ch['variable'], n, st))
            if e.get('held_elsewhere') and not held_somewhere(lit(st), hist):
                errs.append('held_elsewhere but %s never held' % st)
        elif t == 'answer_fwd':
            if lit(item['answer']) == ret:
                errs.append('wrong_final_answer equals real return')
        elif t == 'answer_bwd':
            try:
                r2 = eval(item['answer'], dict(g))
            except Exception as ex:
                r2 = ex
            if r2 == ret:
                errs.append('backward wrong input actually returns output')
    return errs

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    out, bad = [], 0
    cache = {}
    byid = {it['id']: it for it in items}
    for it in items:
        key = (it['code'], it['call'])
        if key not in cache:
            cache[key] = run(it['code'], it['call'])
        ctx = cache[key]
        g, ret, hist, hits = ctx
        errs = []
        if repr(ret) != it['returned']:
            errs.append('returned mismatch %r vs %s' % (ret, it['returned']))
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']):
            errs.append('last line is not the Answer line')
        if it['label'] == 'faithful':
            for c in it['claims']:
                errs += check_claim(c, ctx, it['rationale'])
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret:
                    errs.append('forward answer wrong')
            else:
                if eval(it['answer'], dict(g)) != ret:
                    errs.append('backward answer does not reproduce output')
        else:
            e = it['error']
            errs += check_error(e, it, ctx)
            f = byid[it['faithful_id']]
            # every other claim must still hold
            for c in it['claims']:
                if c['quote'] == e['quote'] or c['quote'] in e['quote'] or e['quote'] in c['quote'] or c.get('is_error'):
                    continue
                errs += ['(other claim) ' + x for x in check_claim(c, ctx, it['rationale'])]
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input', 'wrong_intermediate_right_answer') or True:
                pass
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                if it['direction'] == 'forward' and lit(it['answer']) != ret and e['kind'] == 'wrong_intermediate_right_answer':
                    errs.append('answer should stay right')
        status = 'PASS' if not errs else 'FAIL'
        bad += bool(errs)
        out.append('%s %s %s' % (status, it['id'], ('; '.join(errs))))
    out.append('TOTAL %d items, %d failing' % (len(items), bad))
    rep = '\n'.join(out)
    print(rep)
    open('check_report.txt', 'w').write(rep + '\n')
    return 1 if bad else 0

if __name__ == '__main__':
    if len(sys.argv) > 2 and sys.argv[1] == '--dump':
        d = [json.loads(l) for l in open(sys.argv[2])]
        for it in d:
            g, ret, hist, hits = run(it['code'], it['call'])
            print(it['id'], ret, dict(sorted(hits.items())))
            for k, v in hist.items():
                print('   ', k, v)
        sys.exit(0)
    sys.exit(main())
