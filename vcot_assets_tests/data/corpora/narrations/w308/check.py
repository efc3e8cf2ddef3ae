#!/usr/bin/env python3
"""Standalone checker for w308 narrations: re-executes every program with sys.settrace
(independent of any project tool), records per-variable value histories, line hit counts and
return values, then checks claims, answers and error copies. Writes check_report.txt."""
import ast, copy, json, sys

HERE = sys.path[0] or '.'

def run_traced(code, call):
    hist, hits, rets = {}, {}, {}
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    rec('self.' + a, av)
            elif not callable(v):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            snap(frame)
        elif event == 'return':
            snap(frame)
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, '<call>', 'eval'), g)
    finally:
        sys.settrace(None)
    return result, hist, hits, rets

def plain_call(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def is_seq(h, val):
    val = list(val)
    cands = [list(h)] + [list(x) for x in h if isinstance(x, (list, tuple))]
    for c in cands:
        for i in range(len(c) - len(val) + 1):
            if c[i:i + len(val)] == val:
                return True
    return False

def check_claim(c, result, hist, hits, rets, fname):
    what, var, val = c['what'], c['variable'], lit(c['value'])
    if what == 'value':
        if var and var.endswith(' (subsequence)'):
            it = iter(hist.get(var[:-14], []))
            return all(any(x == y for y in it) for x in val)
        if var and var.endswith(' (sequence)'):
            return is_seq(hist.get(var[:-11], []), val)
        if var is None:
            return any(val in h for h in hist.values())
        return var in hist and val in hist[var]
    if what == 'count':
        if var.startswith('loop@line '):
            return hits.get(int(var.split()[-1]), 0) == val
        return var in hist and len(hist[var]) == val
    if what in ('comparison', 'arith'):
        q = c['quote'].strip('`')
        return eval(q.split(' = ')[0] if what == 'arith' else q, {}) == val
    if what == 'return':
        if var and var in rets:
            return val in rets[var]
        return val == result
    if what == 'call':
        return True
    return False

def check_error(spec, item, result, hist, hits):
    t = spec['type']
    st = lit(spec['stated']) if 'stated' in spec else None
    if t == 'arith':
        return eval(spec['expr'], {}) != st
    if t == 'count':
        ok = hits.get(spec['line'], 0) != st
        return ok
    if t == 'comparison':
        return eval(spec['expr'], {}) != st
    if t == 'history_at':
        h = hist.get(spec['variable'], [])
        ok = spec['index'] < len(h) and h[spec['index']] != st
        if spec.get('held_elsewhere'):
            ok = ok and any(st in hh for hh in hist.values())
        return ok
    if t == 'seq':
        h = hist.get(spec['variable'], [])
        ok = not is_seq(h, st)
        if spec.get('held_elsewhere'):
            pool = [x for hh in hist.values() for x in hh]
            ok = ok and all(v in pool or any(isinstance(x, list) and v in x for x in pool) for v in st)
        return ok
    if t == 'never':
        return st not in hist.get(spec['variable'], [])
    if t == 'answer':
        if item['direction'] == 'forward':
            return lit(item['answer']) != result
        try:
            return plain_call(item['code'], item['answer']) != result
        except Exception:
            return True
    return False

def main():
    items = [json.loads(l) for l in open(f'{HERE}/narrations.jsonl')]
    progs = {json.loads(l)['id']: json.loads(l) for l in open(f'{HERE}/programs.jsonl')}
    specs = json.load(open(f'{HERE}/error_checks.json'))
    lines, bad = [], 0
    for it in items:
        probs = []
        result, hist, hits, rets = run_traced(it['code'], it['call'])
        if repr(result) != it['returned']:
            probs.append('returned mismatch')
        p = progs.get(it['program_id'])
        if p is None or p['returned'] != it['returned'] or len(p['events']) != it['trace_events']:
            probs.append('programs.jsonl mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not in rationale: ' + c['quote'])
        if not it['rationale'].rstrip().endswith(it['answer']):
            probs.append('answer not on last line')
        errq = it['error']['quote'] if it['error'] else None
        for c in it['claims']:
            if errq and (c['quote'] in errq or errq in c['quote']):
                continue
            if not check_claim(c, result, hist, hits, rets, it['function']):
                probs.append('false claim: %r' % c)
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if lit(it['answer']) != result:
                    probs.append('forward answer wrong')
            else:
                if plain_call(it['code'], it['answer']) != result:
                    probs.append('backward answer wrong')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                probs.append('error quote missing')
            sp = specs.get(it['id'])
            if sp is None or not check_error(sp, it, result, hist, hits):
                probs.append('error not confirmed false: %r' % sp)
            if sp and e['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                # answer must still be right unless the error is carried into it
                if not e.get('carried'):
                    if it['direction'] == 'forward' and lit(it['answer']) != result:
                        probs.append('answer wrong in non-answer error')
                    if it['direction'] == 'backward' and plain_call(it['code'], it['answer']) != result:
                        probs.append('backward answer wrong in non-answer error')
        status = 'PASS' if not probs else 'FAIL'
        bad += bool(probs)
        lines.append(f"{status} {it['id']} ({it['direction']}, {it['style']}, {it['label']}"
                     + (f", {it['error']['kind']}" if it['error'] else '') + ')')
        lines += ['    ' + x for x in probs]
    lines.append(f'{len(items)} items, {len(items) - bad} pass, {bad} fail')
    open(f'{HERE}/check_report.txt', 'w').write('\n'.join(lines) + '\n')
    print('\n'.join(lines[-40:]))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
