#!/usr/bin/env python3
"""Standalone checker for w161 narrations: re-executes each program with sys.settrace,
records every variable's value history (locals, plus self.<attr> of instances), loop line
hit counts, and checks claims / answers / errors against that real execution."""
import ast, json, sys, copy

def run_traced(code, call):
    hist = {}     # var -> list of values (in change order, across frames)
    lines = {}    # line_no -> hits
    last = {}     # (frame id, var) -> last value repr
    prev = {}     # frame id -> previous line
    def snap(frame):
        loc = dict(frame.f_locals)
        items = []
        for k, v in loc.items():
            if k == 'self' and hasattr(v, '__dict__'):
                for a, av in vars(v).items():
                    items.append(('self.' + a, av))
            else:
                items.append((k, v))
        for k, v in items:
            try:
                val = copy.deepcopy(v)
            except Exception:
                val = v
            key = (id(frame), k)
            if key not in last or last[key] != repr(val):
                last[key] = repr(val)
                hist.setdefault(k, []).append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'call':
            prev.pop(id(frame), None)
        if event == 'line':
            p = prev.get(id(frame))
            if p is not None and frame.f_lineno == p + 1:
                lines[p] = lines.get(p, 0) + 1   # transitions header N -> body N+1
            prev[id(frame)] = frame.f_lineno
        snap(frame)
        return tracer
    g = {'__name__': 'program'}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_call(code, call):
    g = {'__name__': 'program'}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def loop_count(lines, var):
    # 'loop@line N' counts transitions from the loop header N into its first body line N+1
    n = int(var.split('line')[1].strip())
    return lines.get(n, 0)

def claim_true(c, ret, hist, lines, item):
    w = c['what']
    v = c['value']
    if w == 'value':
        val = lit(v)
        return c['variable'] in hist and any(x == val and type(x) == type(val) or x == val for x in hist[c['variable']]), 'history'
    if w == 'count':
        return loop_count(lines, c['variable']) == lit(v), 'count=%d' % loop_count(lines, c['variable'])
    if w == 'comparison':
        e = c.get('expr') or c['quote']
        return bool(eval(e, {})) == lit(v), 'eval %s' % e
    if w == 'arith':
        e = c.get('expr') or c['quote'].split('=')[0]
        return eval(e, {}) == lit(v), 'eval %s' % e
    if w == 'return':
        return ret == lit(v), 'ret=%r' % (ret,)
    if w == 'call':
        return plain_call(item['code'], v) == lit(item['returned']), 'call'
    return False, 'unknown what'

def check_error(err, item, ret, hist, lines):
    k = err['kind']
    stated, actual = err['stated'], err['actual']
    rat = item['rationale']
    if err['quote'] not in rat:
        return False, 'quote missing'
    if k == 'wrong_final_answer':
        return lit(item['answer']) != ret and lit(actual) == ret, 'final'
    if k == 'backward_wrong_input':
        return plain_call(item['code'], item['answer']) != lit(item['returned']), 'bwd'
    if k in ('wrong_arithmetic',):
        e = err['expr']
        return eval(e, {}) == lit(actual) and eval(e, {}) != lit(stated), 'arith %s' % e
    if k == 'branch_not_taken':
        e = err['expr']
        return bool(eval(e, {})) == lit(actual) and lit(stated) != lit(actual), 'branch %s' % e
    if k == 'off_by_one_loop_count':
        n = loop_count(lines, err['loop'])
        return n == lit(actual) and abs(lit(stated) - n) == 1, 'count %d' % n
    if k == 'swapped_variables':
        ok = True
        for p in err['at']:
            h = hist.get(p['variable'], [])
            real = h[p['index']]
            ok = ok and real == lit(p['actual']) and real != lit(p['stated'])
        return ok, 'swap'
    # value-at-point kinds: wrong_intermediate_right_answer, wrong_loop_summary_value, impossible_state
    at = err['at']
    h = hist.get(at['variable'], [])
    real = h[at['index']]
    ok = real == lit(actual) and real != lit(stated)
    if k == 'impossible_state':
        ok = ok and lit(stated) not in h
    if err.get('held_elsewhere'):
        allv = [x for vs in hist.values() for x in vs if not callable(x)]
        ok = ok and any(x == lit(stated) for x in allv)
    if k == 'wrong_intermediate_right_answer':
        ok = ok and ((item['direction'] == 'forward' and lit(item['answer']) == ret) or
                     (item['direction'] == 'backward' and plain_call(item['code'], item['answer']) == lit(item['returned'])))
    return ok, 'at %s[%d]=%r' % (at['variable'], at['index'], real)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    progs = {}
    for l in open('programs.jsonl'):
        if l.strip():
            p = json.loads(l); progs[p['id']] = p
    out, bad = [], 0
    for it in items:
        ret, hist, lines = run_traced(it['code'], it['call'])
        probs = []
        p = progs.get(it['program_id'])
        if p is None or p['code'] != it['code'] or p['call'] != it['call'] or p['returned'] != it['returned'] or len(p['events']) != it['trace_events']:
            probs.append('mismatch with programs.jsonl')
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r' % (ret,))
        last = it['rationale'].rstrip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            probs.append('Answer line mismatch')
        err = it['error']
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('claim quote missing: %r' % c['quote']); continue
            if err and c['quote'] == err['quote']:
                continue
            if err and err.get('carried') and c['quote'] in err.get('carried_quotes', []):
                continue
            ok, why = claim_true(c, ret, hist, lines, it)
            if not ok:
                probs.append('claim false: %r (%s)' % (c['quote'], why))
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret: probs.append('forward answer wrong')
            else:
                if plain_call(it['code'], it['answer']) != lit(it['returned']): probs.append('backward answer wrong')
        else:
            ok, why = check_error(err, it, ret, hist, lines)
            if not ok: probs.append('error not confirmed false: %s (%s)' % (err['kind'], why))
            if err['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                if it['direction'] == 'forward' and lit(it['answer']) != ret and err['kind'] != 'wrong_final_answer' and not err.get('carried'):
                    probs.append('answer wrong in non-final error copy')
        status = 'PASS' if not probs else 'FAIL'
        bad += bool(probs)
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('TOTAL %d items, %d failing' % (len(items), bad))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out[-40:]))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
