#!/usr/bin/env python3
"""Standalone checker for w66 narrations: re-executes every program with sys.settrace,
records per-variable value histories, loop-line hit counts and function returns, and checks
each item's claims, answer and (for error copies) that the error is really false."""
import ast, copy, json, sys, os
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
FN = '<w66prog>'

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v

def run(code, call):
    g = {'__name__': 'w66prog'}
    exec(compile(code, FN, 'exec'), g)
    hist = defaultdict(list)          # var -> list of values (each change, all frames in order)
    last = {}                         # (frame id, var) -> last value
    lines = defaultdict(int)          # line -> hits
    frame_lines = defaultdict(lambda: defaultdict(int))  # (func, nth frame) -> line -> hits
    returns = defaultdict(list)
    frames = {}
    fcount = defaultdict(int)

    serial = [0]
    fserial = {}

    def record(frame):
        fid = fserial[id(frame)]
        items = {k: ((fid, k), v) for k, v in frame.f_locals.items() if k != 'self'}
        if 'self' in frame.f_locals:
            obj = frame.f_locals['self']
            try:
                for k, v in vars(obj).items():
                    # attributes are tracked per object, not per frame
                    items['self.' + k] = (('obj', id(obj), k), v)
            except TypeError:
                pass
        for k, (key, v) in items.items():
            if key not in last or last[key] != v or type(last[key]) != type(v):
                s = snap(v)
                last[key] = s
                hist[k].append(s)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == 'call':
            serial[0] += 1
            fserial[id(frame)] = serial[0]
            fcount[frame.f_code.co_name] += 1
            frames[id(frame)] = (frame.f_code.co_name, fcount[frame.f_code.co_name])
        record(frame)
        if event == 'line':
            lines[frame.f_lineno] += 1
            frame_lines[frames[id(frame)]][frame.f_lineno] += 1
        elif event == 'return':
            returns[frame.f_code.co_name].append(snap(arg))
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, lines, frame_lines, returns, g

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def arith_value(c):
    expr = c.get('expr')
    if expr is None and c['what'] == 'comparison':
        expr = c['quote'].strip('`')
    if expr is None:
        q = c['quote'].strip('`')
        if ' is ' in q:
            expr = q.rsplit(' is ', 1)[0]
        else:
            expr = q.rsplit('=', 1)[0]
    return eval(expr, {})

def claim_true(c, R, fn):
    result, hist, lines, frame_lines, returns, g = R
    v = lit(c['value']); w = c['what']
    if w == 'value':
        h = hist.get(c['variable'], [])
        if c.get('seq'):
            # summarised sequence: the listed values must occur in order in the history
            # seq=1: a contiguous run of the history; seq=2: in order, gaps allowed
            if not isinstance(v, list):
                return False
            if c['seq'] == 1:
                return any(h[k:k + len(v)] == v for k in range(len(h) - len(v) + 1))
            it = iter(h)
            return all(any(x == y for x in it) for y in v)
        if 'idx' in c:
            return c['idx'] < len(h) and h[c['idx']] == v and type(h[c['idx']]) == type(v)
        return any(x == v and type(x) == type(v) for x in h)
    if w == 'count':
        if 'frame' in c:
            return frame_lines[(fn if 'func' not in c else c['func'], c['frame'])][c['line']] == v
        return lines[c['line']] == v
    if w in ('comparison', 'arith'):
        return arith_value(c) == v
    if w == 'return':
        return result == v
    if w == 'call':
        return v in returns.get(c['variable'], [])
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open(os.path.join(HERE, 'narrations.jsonl')) if l.strip()]
    byid = {it['id']: it for it in items}
    cache = {}
    fails = []; nclaims = 0
    out = []
    for it in items:
        key = (it['code'], it['call'])
        if key not in cache:
            cache[key] = run(it['code'], it['call'])
        R = cache[key]
        problems = []
        if repr(R[0]) != it['returned']:
            problems.append('returned mismatch %r vs %s' % (R[0], it['returned']))
        if it['label'] == 'faithful':
            for c in it['claims']:
                nclaims += 1
                if c['quote'] not in it['rationale']:
                    problems.append('quote not in rationale: %r' % c['quote'])
                elif not claim_true(c, R, it['function']):
                    problems.append('false claim: %r' % c)
            ok_ans = answer_ok(it, R)
            if not ok_ans:
                problems.append('answer wrong: %s' % it['answer'])
        else:
            e = it['error']; f = byid[it['faithful_id']]
            if it['rationale'].count(e['quote']) != 1:
                problems.append('error quote missing or not unique')
            fclaims = {(c['quote'], c['value']) for c in f['claims']}
            errc = [c for c in it['claims'] if c['quote'] == e['quote']]
            for c in it['claims']:
                if (c['quote'], c['value']) in fclaims and c not in errc:
                    if not claim_true(c, R, it['function']):
                        problems.append('untouched claim false: %r' % c)
            if e['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if answer_ok(it, R):
                    problems.append('answer error is actually correct')
                if e['kind'] == 'wrong_final_answer' and it['direction'] != 'forward':
                    problems.append('wrong_final_answer on backward')
                if e['kind'] == 'backward_wrong_input' and it['direction'] != 'backward':
                    problems.append('backward_wrong_input on forward')
            else:
                if not answer_ok(it, R):
                    problems.append('answer should still be right')
                if not errc:
                    problems.append('no claim carries the error quote')
                for c in errc:
                    if claim_true(c, R, it['function']):
                        problems.append('error claim is actually true: %r' % c)
                    if e['kind'] != 'swapped_variables' and lit(c['value']) != lit(e['stated']) and str(c['value']) != str(e['stated']):
                        problems.append('stated mismatch')
                    if e['kind'] == 'impossible_state':
                        h = R[1].get(c['variable'], [])
                        if lit(c['value']) in h:
                            problems.append('impossible_state value does occur')
                    if e.get('held_elsewhere'):
                        v = lit(c['value'])
                        if c.get('seq'):
                            v = [y for y in v if not any(y == x for x in R[1].get(c['variable'], []))][:1] or [None]
                            v = v[0]
                        anywhere = any(v == x for hh in R[1].values() for x in hh) or \
                            any(v == x for rr in R[4].values() for x in rr) or v in R[2].values()
                        if not anywhere:
                            problems.append('held_elsewhere value never held')
                        if c['what'] == 'value' and 'idx' not in c and not c.get('seq'):
                            problems.append('held_elsewhere value claim lacks idx')
        status = 'PASS' if not problems else 'FAIL'
        out.append('%s %s %s' % (status, it['id'], '; '.join(problems)))
        if problems:
            fails.append(it['id'])
    report = '\n'.join(out) + '\n\n%d items, %d faithful claims checked, %d failures\n' % (len(items), nclaims, len(fails))
    with open(os.path.join(HERE, 'check_report.txt'), 'w') as fh:
        fh.write(report)
    print(report[-2000:])
    return 1 if fails else 0

def answer_ok(it, R):
    if it['direction'] == 'forward':
        try:
            return ast.literal_eval(it['answer']) == R[0] and repr(ast.literal_eval(it['answer'])) == repr(R[0])
        except Exception:
            return False
    g = {'__name__': 'w66ans'}
    exec(compile(it['code'], '<ans>', 'exec'), g)
    if (it['function'] + '(') not in it['answer']:
        return False
    try:
        return repr(eval(it['answer'], g)) == it['returned']
    except Exception:
        return False

if __name__ == '__main__':
    sys.exit(main())
