"""Standalone checker for the w233 narration corpus.

Runs each item's call under sys.settrace (no use of the trace script or any tool code), records
every variable's value history (locals and self.<attr>, merged over frames, a new entry whenever
the value differs from the last one recorded) and per-line hit counts, then checks:
  * `returned` equals repr of the real return value;
  * every claim of a faithful item is true (value / count / comparison / arith / return / call);
  * forward answer == return value; backward answer, evaluated, returns the output;
  * in error copies, the claim quoted by `error` is false at its point (history index `nth`, or
    the evaluated expression / count), held_elsewhere copies name a value that does occur in the
    run at another point, all other non-carried claims are true, and wrong answers are wrong.
Usage: python3 check.py [narrations.jsonl]      (writes check_report.txt)
       python3 check.py --dump <programs.jsonl> <id>   (print histories, for authoring)
"""
import ast, copy, json, sys
from collections import defaultdict

def run(code, expr):
    ns = {'__name__': 'prog'}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist = defaultdict(list)
    lines = defaultdict(int)
    atline = defaultdict(list)      # (line, name) -> value of name each time line is reached

    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            if k == 'self':
                try:
                    for a, av in vars(v).items():
                        rec('self.' + a, av)
                except TypeError:
                    pass
                continue
            rec(k, v)

    def rec(k, v):
        h = hist[k]
        try:
            same = bool(h) and type(h[-1]) is type(v) and h[-1] == v
        except Exception:
            same = False
        if not same:
            h.append(copy.deepcopy(v))

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        snap(frame)
        if event == 'line':
            lines[frame.f_lineno] += 1
            for k, v in list(frame.f_locals.items()):
                if k == 'self':
                    try:
                        for a, av in vars(v).items():
                            atline[(frame.f_lineno, 'self.' + a)].append(copy.deepcopy(av))
                    except TypeError:
                        pass
                elif not k.startswith('.'):
                    try:
                        atline[(frame.f_lineno, k)].append(copy.deepcopy(v))
                    except Exception:
                        pass
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(compile(expr, '<call>', 'eval'), ns)
    finally:
        sys.settrace(None)
    hist['@'] = atline
    return result, hist, lines

def same(a, b):
    return type(a) is type(b) and a == b or (repr(a) == repr(b))

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, returned_val, hist, lines):
    """Return (ok, detail)."""
    what = c['what']
    try:
        if what == 'value':
            if c.get('variable') is None:
                val = eval(c['expr'], {})
                return same(val, lit(c['value'])), 'expr %s -> %r' % (c['expr'], val)
            h = hist.get(c['variable'], [])
            v = lit(c['value'])
            if c.get('at_line') is not None:
                a, b = c['hits']
                seq = hist['@'].get((c['at_line'], c['variable']), [])[a:b + 1]
                return same(list(seq), list(v)), '%s at line %d hits %d-%d = %r' % (c['variable'], c['at_line'], a, b, seq)
            if c.get('slice') is not None:
                a, b = c['slice']
                return same(list(h[a:b + 1]), list(v)), '%s[%d:%d] = %r' % (c['variable'], a, b + 1, h[a:b + 1])
            if c.get('nth') is not None:
                n = c['nth']
                if n >= len(h):
                    return False, 'history of %s too short' % c['variable']
                return same(h[n], v), '%s[%d] = %r' % (c['variable'], n, h[n])
            return any(same(x, v) for x in h), '%s history %r' % (c['variable'], h[:12])
        if what == 'count':
            n = lines.get(c['line'], 0)
            return n == lit(c['value']), 'line %d hit %d times' % (c['line'], n)
        if what in ('comparison', 'arith'):
            val = eval(c['expr'], {})
            return same(val, lit(c['value'])), '%s -> %r' % (c['expr'], val)
        if what == 'return':
            return same(returned_val, lit(c['value'])), 'returned %r' % (returned_val,)
        if what == 'call':
            res, _, _ = run(c['code'], c['value'])
            return same(res, returned_val), 'call gives %r' % (res,)
    except Exception as e:
        return False, 'exception %r' % (e,)
    return False, 'unknown claim kind'

def held_somewhere(c, hist):
    name = c.get('holder') or c.get('variable')
    if not name:
        return False
    v = lit(c['value'])
    h = hist.get(name, [])
    if c.get('slice') is not None or c.get('at_line') is not None:   # a wrong element of a sequence
        if c.get('at_line') is not None:
            a, b = c['hits']
            own = hist['@'].get((c['at_line'], c['variable']), [])[a:b + 1]
        else:
            a, b = c['slice']
            own = hist.get(c['variable'], [])[a:b + 1]
        # positionally wrong, but the value does occur in the run (another iteration / variable)
        return any((i >= len(own) or not same(x, own[i])) and any(same(x, y) for y in h) for i, x in enumerate(v))
    return any(same(x, v) for x in h)

def check_item(it):
    problems = []
    res, hist, lines = run(it['code'], it['call'])
    if repr(res) != it['returned']:
        problems.append('returned mismatch %r vs %s' % (res, it['returned']))
    for c in it['claims']:
        if c['quote'] not in it['rationale']:
            problems.append('quote not in rationale: %r' % c['quote'])
    lastline = it['rationale'].rstrip().splitlines()[-1]
    if it['answer'] not in lastline:
        problems.append('answer not on last line')
    # answer correctness
    if it['direction'] == 'forward':
        ans_ok = same(lit(it['answer']), res)
    else:
        try:
            ares, _, _ = run(it['code'], it['answer'])
            ans_ok = same(ares, res)
        except Exception as e:
            ans_ok = False
    err = it['error']
    if it['label'] == 'faithful':
        if not ans_ok:
            problems.append('faithful answer wrong: %s' % it['answer'])
        for c in it['claims']:
            ok, d = check_claim(c, res, hist, lines)
            if not ok:
                problems.append('false claim %r: %s' % (c['quote'], d))
        return problems
    # error copy
    kind = err['kind']
    if err['quote'] not in it['rationale']:
        problems.append('error quote not in rationale')
    if kind in ('wrong_final_answer', 'backward_wrong_input'):
        if ans_ok:
            problems.append('error answer is actually right')
        if kind == 'wrong_final_answer' and it['direction'] != 'forward':
            problems.append('wrong_final_answer on backward')
        if kind == 'backward_wrong_input' and it['direction'] != 'backward':
            problems.append('backward_wrong_input on forward')
        target = None
    else:
        if not ans_ok:
            problems.append('answer wrong in a non-answer error copy')
        target = [c for c in it['claims'] if c['quote'] == err['quote']]
        if not target:
            target = [c for c in it['claims'] if c['quote'] in err['quote'] and not c.get('carried')]
        if len(target) != 1:
            problems.append('error claim not found once (%d)' % len(target))
            target = None
        else:
            target = target[0]
            ok, d = check_claim(target, res, hist, lines)
            if ok:
                problems.append('error claim is TRUE: %r (%s)' % (target['quote'], d))
            if kind != 'swapped_variables' and target['value'] != err['stated'] and err['stated'] not in target['quote']:
                problems.append('stated does not match claim')
            if err.get('held_elsewhere'):
                if target['what'] == 'value' and target.get('variable') and not (
                        target.get('nth') is not None or target.get('slice') or target.get('at_line')):
                    problems.append('held_elsewhere value claim has no position (nth/slice/at_line)')
                if not held_somewhere(target, hist):
                    problems.append('held_elsewhere but value never held: %r' % target['value'])
    for c in it['claims']:
        if c is target or c.get('carried'):
            continue
        ok, d = check_claim(c, res, hist, lines)
        if not ok:
            problems.append('false non-error claim %r: %s' % (c['quote'], d))
    if kind == 'wrong_intermediate_right_answer' and not ans_ok:
        problems.append('answer should stay right')
    return problems

def main():
    if len(sys.argv) > 1 and sys.argv[1] == '--dump':
        for l in open(sys.argv[2]):
            d = json.loads(l)
            if d['id'] == sys.argv[3]:
                res, hist, lines = run(d['code'], d['call'])
                print('returned', repr(res))
                for k, h in hist.items():
                    if k == '@': continue
                    print(k, '::', ' | '.join('%d:%r' % (i, x) for i, x in enumerate(h)))
                print('lines', dict(sorted(lines.items())))
        return
    path = sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'
    items = [json.loads(l) for l in open(path) if l.strip()]
    out, nbad = [], 0
    ids = set()
    for it in items:
        probs = check_item(it)
        if it['id'] in ids:
            probs.append('duplicate id')
        ids.add(it['id'])
        if probs:
            nbad += 1
            out.append('FAIL %s\n  ' % it['id'] + '\n  '.join(probs))
        else:
            out.append('ok   %s (%s%s, %d claims)' % (it['id'], it['label'],
                       '' if not it['error'] else ' ' + it['error']['kind'], len(it['claims'])))
    from collections import Counter
    fa = [i for i in items if i['label'] == 'faithful']
    ev = [i['trace_events'] for i in fa]
    out.append('')
    out.append('faithful: %d, error copies: %d' % (len(fa), len(items) - len(fa)))
    for key in ('style', 'family', 'direction', 'kind'):
        out.append('%s: %s' % (key, dict(sorted(Counter(i[key] for i in fa).items()))))
    out.append('error kinds: %s' % dict(sorted(Counter(i['error']['kind'] for i in items if i['error']).items())))
    out.append('held_elsewhere: %d' % sum(1 for i in items if i['error'] and i['error']['held_elsewhere']))
    out.append('trace events: min %d, max %d, <30: %d, 30-100: %d, >100: %d, >200: %d' % (
        min(ev), max(ev), sum(e < 30 for e in ev), sum(30 <= e <= 100 for e in ev), sum(e > 100 for e in ev), sum(e > 200 for e in ev)))
    out.append('claims checked: %d' % sum(len(i['claims']) for i in items))
    summary = '%d items, %d pass, %d fail' % (len(items), len(items) - nbad, nbad)
    out.append(summary)
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(x for x in out if x.startswith('FAIL')))
    print(summary)

if __name__ == '__main__':
    main()
