"""Standalone checker for w61 narrations: re-executes every program with sys.settrace."""
import ast, copy, json, sys, re

PROG = '<w61prog>'

def run(code, call):
    hist, hits, rets = {}, {}, {}
    last = {}
    serial = {}
    counter = [0]
    def snap(frame):
        fid = serial[id(frame)]
        items = []
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in getattr(v, '__dict__', {}).items():
                    items.append(('self.' + a, av))
            else:
                items.append((k, v))
        for k, v in items:
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                continue
            key = (fid, k)
            if key not in last or last[key] != v2 or type(last[key]) != type(v2):
                last[key] = v2
                hist.setdefault(k, []).append(v2)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != PROG:
            return None
        if event == 'call':
            counter[0] += 1
            serial[id(frame)] = counter[0]
        snap(frame)
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tr
    ns = {}
    exec(compile(code, PROG, 'exec'), ns)
    sys.settrace(tr)
    try:
        res = eval(compile(call, PROG + 'call', 'eval'), ns)
    finally:
        sys.settrace(None)
    return res, hist, hits, rets

def plain(code, call):
    ns = {}
    exec(compile(code, PROG, 'exec'), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def same(a, b):
    return a == b and type(a) == type(b) or (a == b and isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool))

def check_claim(c, res, hist, hits, rets):
    w = c['what']
    v = lit(c['value'])
    if w == 'value' and c.get('sequence'):
        h = iter(hist.get(c['variable'], []))
        v = [x for i, x in enumerate(v) if i == 0 or not same(x, v[i - 1])]
        return all(any(same(x, y) for y in h) for x in v)
    if w == 'value':
        return any(same(v, x) for x in hist.get(c['variable'], []))
    if w == 'count':
        m = re.match(r'loop@line (\d+)', c['variable'])
        return hits.get(int(m.group(1)), 0) == v
    if w in ('comparison', 'arith', 'call'):
        return same(eval(c.get('expr') or c['quote']), v) if w != 'comparison' else bool(eval(c.get('expr') or c['quote'])) == v
    if w == 'return':
        return any(same(v, x) for x in rets.get(c['variable'], []))
    raise ValueError(w)

def all_values(hist):
    for vs in hist.values():
        for x in vs:
            yield x

def main():
    progs = {json.loads(l)['id']: json.loads(l) for l in open('programs.jsonl')}
    items = [json.loads(l) for l in open('narrations.jsonl')]
    byid = {it['id']: it for it in items}
    fails, n_claims = [], 0
    for it in items:
        p = progs[it['program_id']]
        errs = []
        def bad(msg):
            errs.append(msg)
        if it['code'] != p['code'] or it['call'] != p['call']:
            bad('code/call differ from programs.jsonl')
        res, hist, hits, rets = run(it['code'], it['call'])
        if repr(res) != it['returned'] or p['returned'] != it['returned']:
            bad('returned mismatch %r' % (res,))
        if it['trace_events'] != len(p['events']):
            bad('trace_events')
        last = it['rationale'].rstrip().splitlines()[-1]
        if it['answer'] not in last or not re.match(r'^\s*(\*\*)?(Answer|Predicted Output)', last):
            bad('answer not on last line')
        # answer
        if it['direction'] == 'forward':
            ans_ok = same(lit(it['answer']), res)
        else:
            try:
                ans_ok = it['answer'].split('(')[0].split('.')[-1] in (it['function'], ) or it['function'] in it['answer']
                ans_ok = ans_ok and repr(plain(it['code'], it['answer'])) == it['returned']
            except Exception:
                ans_ok = False
        e = it['error']
        for c in it['claims']:
            n_claims += 1
            if c['quote'] not in it['rationale']:
                bad('claim quote missing: %r' % c['quote'])
                continue
            if c.get('carried'):
                # an error carried forward from the one marked in `error`; not required to be true
                if e is None:
                    bad('carried claim in faithful item')
                continue
            ok = check_claim(c, res, hist, hits, rets)
            is_err = e is not None and c['quote'] == e['quote']
            if is_err:
                if ok and e['kind'] not in ('wrong_loop_summary_value', 'wrong_intermediate_right_answer', 'swapped_variables', 'wrong_arithmetic') :
                    bad('error claim unexpectedly true: %r' % c['quote'])
            elif not ok:
                bad('claim false: %r' % (c,))
        if e is None:
            if it['label'] != 'faithful' or not ans_ok:
                bad('faithful answer wrong')
        else:
            f = byid[it['faithful_id']]
            if e['quote'] not in it['rationale'] or e['quote'] in f['rationale']:
                bad('error quote not new')
            k = e['kind']
            st = e['stated']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    bad('wrong answer is actually right')
            else:
                if not ans_ok:
                    bad('answer should still be right')
            if k == 'wrong_arithmetic':
                if same(eval(e['expr']), lit(st)) or not same(eval(e['expr']), lit(e['actual'])):
                    bad('arith not wrong')
            if k == 'branch_not_taken':
                if bool(eval(e['expr'])) == lit(st):
                    bad('branch claim is true')
            if k == 'off_by_one_loop_count':
                n = hits.get(int(re.match(r'loop@line (\d+)', e['variable']).group(1)), 0)
                if n == lit(st) or n != lit(e['actual']) or abs(n - lit(st)) != 1:
                    bad('loop count not off by one')
            if k in ('wrong_loop_summary_value', 'wrong_intermediate_right_answer', 'swapped_variables', 'impossible_state'):
                h = hist.get(e['variable'], [])
                pos = [i for i, x in enumerate(h) if same(x, lit(e['actual']))]
                occ = e.get('occurrence', 0)
                if len(pos) <= occ or (occ < 0 and not pos):
                    bad('actual value not in history at that point')
                elif same(h[pos[occ]], lit(st)):
                    bad('stated equals value at that point')
                if k == 'impossible_state' and any(same(lit(st), x) for x in h):
                    bad('impossible state is actually held')
            if e.get('held_elsewhere'):
                if not any(same(lit(st), x) for x in all_values(hist)) and not any(same(lit(st), x) for r in rets.values() for x in r) and lit(st) not in hits.values():
                    bad('held_elsewhere value never held')
        if errs:
            fails.append((it['id'], errs))
    lines = []
    from collections import Counter
    lines.append('items: %d  claims checked: %d  failures: %d' % (len(items), n_claims, len(fails)))
    for key in ('style', 'family', 'direction', 'kind', 'label'):
        cnt = Counter(it[key] for it in items if it['label'] == 'faithful') if key != 'label' else Counter(it[key] for it in items)
        lines.append('%s (faithful): %s' % (key, dict(cnt)) if key != 'label' else 'label: %s' % dict(cnt))
    lines.append('error kinds: %s' % dict(Counter(it['error']['kind'] for it in items if it['error'])))
    lines.append('held_elsewhere: %d' % sum(1 for it in items if it['error'] and it['error'].get('held_elsewhere')))
    ev = [it['trace_events'] for it in items if it['label'] == 'faithful']
    lines.append('trace events: <30: %d, 30-100: %d, >100: %d, >200: %d' % (sum(x < 30 for x in ev), sum(30 <= x <= 100 for x in ev), sum(x > 100 for x in ev), sum(x > 200 for x in ev)))
    for i, errs in fails:
        lines.append('FAIL %s: %s' % (i, errs))
    lines.append('RESULT: %s' % ('PASS' if not fails else 'FAIL'))
    out = '\n'.join(lines)
    print(out)
    open('check_report.txt', 'w').write(out + '\n')
    return 1 if fails else 0

if __name__ == '__main__':
    if len(sys.argv) > 2 and sys.argv[1] == '--dump':
        import importlib
        mod = importlib.import_module(sys.argv[2])
        for k in sys.argv[3:]:
            p = mod.P[int(k)]
            res, hist, hits, rets = run(p['code'], p['call'])
            print('== ', k, repr(res))
            for var, h in hist.items():
                print('  ', var, h if len(repr(h)) < 600 else repr(h)[:600])
            print('   hits', hits, 'rets', {a: b[:12] for a, b in rets.items()})
        sys.exit(0)
    sys.exit(main())
