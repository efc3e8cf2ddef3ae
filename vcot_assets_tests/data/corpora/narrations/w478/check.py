"""Standalone checker for w478 narrations: re-executes every program with sys.settrace."""
import ast, json, sys

def run(code, call):
    hist, hits, atline = {}, {}, {}
    def note(name, val):
        h = hist.setdefault(name, [])
        try:
            v = ast.literal_eval(repr(val))
        except Exception:
            return
        if not h or h[-1] != v:
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    note('self.' + a, av)
            else:
                note(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            snap(frame)
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            for k, v in frame.f_locals.items():
                if isinstance(v, (int, str, tuple, list, dict)):
                    atline.setdefault((frame.f_lineno, k), []).append(ast.literal_eval(repr(v)))
        elif event == 'return':
            snap(frame)
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    hist['__atline__'] = atline
    return ret, hist, hits

def plain(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def check_item(it):
    errs = []
    rat = it['rationale']
    ret, hist, hits = run(it['code'], it['call'])
    if repr(ret) != it['returned']:
        errs.append('returned mismatch %r' % (ret,))
    if not rat.rstrip().split('\n')[-1].startswith('Answer:'):
        errs.append('last line not Answer:')
    if it['answer'] not in rat.rstrip().split('\n')[-1]:
        errs.append('answer not in last line')
    for c in it['claims']:
        if c['quote'] not in rat:
            errs.append('quote missing: %r' % c['quote']); continue
        if it['label'] == 'error' and it['error'] and c['quote'] == it['error']['quote']:
            continue  # the wrong claim is checked below
        w, val = c['what'], ast.literal_eval(c['value'])
        if w == 'value' and '@' in c['variable']:
            var, line = c['variable'].split('@')
            if hist['__atline__'].get((int(line), var), []) != val:
                errs.append('sequence of %s at line %s != %r' % (var, line, val))
        elif w == 'value' and '[' in c['variable']:
            base, sl = c['variable'].split('[', 1)
            if eval('x[' + sl, {'x': hist[base][-1]}) != val:
                errs.append('slice value %s != %r' % (c['variable'], val))
        elif w == 'value':
            if val not in hist.get(c['variable'], []):
                errs.append('value %s=%r never held' % (c['variable'], val))
        elif w == 'count' and c['variable'].startswith('iter:'):
            n = len(hist.get(c['variable'][5:], []))
            if n != val:
                errs.append('iter count %s: %r vs %r' % (c['variable'], val, n))
        elif w == 'count':
            line = int(c['variable'].split('line')[-1])
            if hits.get(line, 0) != val:
                errs.append('count %s: %r vs %r' % (c['variable'], val, hits.get(line, 0)))
        elif w in ('arith', 'comparison'):
            if eval(c.get('expr', c['quote'])) != val:
                errs.append('%s false: %r' % (w, c['quote']))
        elif w == 'return':
            if val != ret:
                errs.append('return claim %r' % (val,))
        elif w == 'call':
            if plain(it['code'], c['quote']) != ret:
                errs.append('call claim %r' % c['quote'])
    out = ast.literal_eval(it['returned'])
    if it['direction'] == 'forward':
        ok = ast.literal_eval(it['answer']) == out
    else:
        ok = plain(it['code'], it['answer']) == out
    bad_answer = it['label'] == 'error' and it['error']['kind'] in ('wrong_final_answer', 'backward_wrong_input')
    if bad_answer:
        if ok:
            errs.append('error answer is actually right')
    elif not ok:
        errs.append('answer wrong: %r' % it['answer'])
    if it['label'] == 'error':
        e = it['error']
        if e['quote'] not in rat:
            errs.append('error quote missing')
        chk = e['check']
        t = chk['type']
        stated = ast.literal_eval(e['stated']) if t != 'answer' else e['stated']
        if t == 'history':
            h = hist.get(chk['var'], [])
            act = h[chk['k']]
            if act == stated or repr(act) != e['actual']:
                errs.append('history err not false at point: %r %r' % (act, stated))
            if e.get('held_elsewhere') and not any(stated in hh for hh in hist.values()):
                errs.append('held_elsewhere but never held')
        elif t == 'count':
            n = len(hist.get(chk['var'], [])) if 'var' in chk else hits.get(chk['line'], 0)
            if n == stated or n != ast.literal_eval(e['actual']):
                errs.append('count err not false')
        elif t in ('arith', 'comparison'):
            v = eval(chk['expr'])
            if v == stated or repr(v) != e['actual']:
                errs.append('%s err not false' % t)
        elif t == 'index':  # k-th element of the variable's final value (a summarised sequence)
            act = hist[chk['var']][-1][chk['k']]
            if act == stated or repr(act) != e['actual']:
                errs.append('index err not false')
            if e.get('held_elsewhere') and not any(stated in hh for hh in hist.values()):
                errs.append('held_elsewhere but never held')
        elif t == 'lineseq':  # value of var at the idx-th execution of a line
            act = hist['__atline__'][(chk['line'], chk['var'])][chk['idx']]
            if act == stated or repr(act) != e['actual']:
                errs.append('lineseq err not false')
            if e.get('held_elsewhere') and stated not in hist['__atline__'][(chk['line'], chk['var'])]:
                errs.append('held_elsewhere but never held')
        elif t == 'history_key':
            act = hist[chk['var']][chk['k']][chk['key']]
            if act == stated or repr(act) != e['actual']:
                errs.append('history_key err not false')
        elif t == 'never':
            if stated in hist.get(chk['var'], []):
                errs.append('impossible state actually held')
        elif t == 'answer':
            pass
        # the wrong claim must appear in claims too
        if not any(c['quote'] == e['quote'] for c in it['claims']):
            errs.append('error quote not among claims')
    return errs

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    bad = 0
    lines = []
    for it in items:
        try:
            errs = check_item(it)
        except Exception as ex:
            errs = ['exception %r' % ex]
        bad += bool(errs)
        lines.append('%-28s %s %s' % (it['id'], 'PASS' if not errs else 'FAIL', '; '.join(errs)))
    lines.append('items=%d failed=%d' % (len(items), bad))
    print('\n'.join(lines))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
