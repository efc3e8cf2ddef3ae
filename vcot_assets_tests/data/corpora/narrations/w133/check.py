"""Standalone checker for w133 narrations: runs each program under sys.settrace and
checks returned values, claims and errors. Usage: python3 check.py > check_report.txt"""
import ast, copy, json, sys
from collections import defaultdict

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run(code, call):
    hist = defaultdict(list)   # name -> list of successive distinct values (per frame changes)
    hits = defaultdict(int)    # line number -> times executed
    last = {}
    def snap(frame):
        fid = id(frame)
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == 'self':
                try:
                    items = [('self.' + a, b) for a, b in vars(v).items()]
                except TypeError:
                    items = []
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                key = name  # one history per name, consecutive duplicates dropped
                if key not in last or last[key] != val or type(last[key]) != type(val):
                    last[key] = val
                    hist[name].append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        snap(frame)
        if event == 'line':
            hits[frame.f_lineno] += 1
        if event == 'return':
            hist['<return:%s>' % frame.f_code.co_name].append(copy.deepcopy(arg))
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        res = eval(compile(call, '<prog-call>', 'eval'), g)
    finally:
        sys.settrace(None)
    return res, hist, hits

def plain_eval(code, call):
    g = {}
    exec(compile(code, '<x>', 'exec'), g)
    return eval(call, g)

def count_of(var, hits):
    # 'loop@line N' -> number of times line N ran
    n = int(var.split('line')[1].strip())
    return hits[n]

def check_claim(c, res, hist, hits, item):
    what, val = c['what'], lit(c['value'])
    if c['quote'] not in item['rationale']:
        return 'quote not in rationale: %r' % c['quote']
    if what == 'value':
        var = c['variable']
        if var is None:
            if not any(val == v for h in hist.values() for v in h) and val != res:
                return 'value %r never held' % (val,)
        elif not any(val == v and type(val) == type(v) or (val == v and isinstance(v, (int, float)) and not isinstance(v, bool)) for v in hist.get(var, [])):
            return '%s never equals %r (history %r)' % (var, val, hist.get(var, [])[:20])
    elif what == 'count':
        if count_of(c['variable'], hits) != val:
            return 'count %s is %d not %r' % (c['variable'], count_of(c['variable'], hits), val)
    elif what in ('comparison', 'arith'):
        got = eval(c.get('expr', c['quote'].strip('`')))
        if got != val:
            return '%s evaluates to %r not %r' % (c.get('expr', c['quote']), got, val)
    elif what == 'return':
        if val != res:
            return 'return %r != %r' % (val, res)
    elif what == 'call':
        if plain_eval(item['code'], c['value']) != res:
            return 'call %s does not give %r' % (c['value'], res)
    return None

def check_error(e, item, res, hist, hits):
    k, stated = e['kind'], lit(e['stated'])
    if e['quote'] not in item['rationale']:
        return 'error quote missing'
    if k in ('wrong_arithmetic',):
        got = eval(e['expr'])
        if got == stated:
            return 'arith is actually right'
    elif k == 'off_by_one_loop_count':
        n = count_of(e['variable'], hits)
        if abs(n - stated) != 1:
            return 'loop count %d vs stated %r not off by one' % (n, stated)
    elif k == 'branch_not_taken':
        if eval(e['expr']) == stated:
            return 'condition really is %r' % stated
    elif k in ('wrong_loop_summary_value', 'wrong_intermediate_right_answer', 'swapped_variables'):
        h = hist.get(e['variable'], [])
        if e['index'] >= len(h):
            return 'index out of range for %s: %r' % (e['variable'], h)
        if h[e['index']] == stated:
            return 'stated value is true at that point'
        if lit(e['actual']) != h[e['index']]:
            return 'actual %r != history %r' % (e['actual'], h[e['index']])
        if e.get('held_elsewhere') and stated not in [v for hh in hist.values() for v in hh]:
            return 'held_elsewhere but never held by any variable'
        if k == 'wrong_intermediate_right_answer':
            ok = (lit(item['answer']) == res) if item['direction'] == 'forward' else (plain_eval(item['code'], item['answer']) == res)
            if not ok:
                return 'final answer should be right'
    elif k == 'impossible_state':
        if any(stated == v for v in hist.get(e['variable'], [])):
            return 'impossible value is held'
    elif k == 'wrong_final_answer':
        if lit(item['answer']) == res:
            return 'answer is right'
    elif k == 'backward_wrong_input':
        try:
            if plain_eval(item['code'], item['answer']) == res:
                return 'wrong input actually works'
        except Exception:
            pass
    if e.get('held_elsewhere') and k in ('wrong_arithmetic', 'off_by_one_loop_count'):
        allv = [v for h in hist.values() for v in h]
        if stated not in allv:
            return 'held_elsewhere but value never held'
    return None

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    for it in items:
        probs = []
        res, hist, hits = run(it['code'], it['call'])
        if repr(res) != it['returned']:
            probs.append('returned %r != %s' % (res, it['returned']))
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']) and 'Answer: ' + it['answer'] not in it['rationale'].splitlines()[-1]:
            probs.append('last line does not carry answer')
        err = it['error']
        for c in it['claims']:
            p = check_claim(c, res, hist, hits, it)
            is_err = err is not None and c['quote'] == err['quote']
            if is_err:
                if p is None and err['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                    # the error claim must fail as a plain claim unless held elsewhere
                    if not err.get('held_elsewhere'):
                        probs.append('error claim passes plain check: %r' % c['quote'])
            elif p:
                probs.append(p)
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if lit(it['answer']) != res:
                    probs.append('forward answer wrong')
            else:
                if plain_eval(it['code'], it['answer']) != res:
                    probs.append('backward answer wrong')
        else:
            p = check_error(err, it, res, hist, hits)
            if p:
                probs.append(p)
            if err['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                if it['direction'] == 'forward' and lit(it['answer']) != res and not err.get('carried'):
                    probs.append('answer changed without carried')
                if it['direction'] == 'backward' and plain_eval(it['code'], it['answer']) != res and not err.get('carried'):
                    probs.append('backward answer changed without carried')
        status = 'OK ' if not probs else 'FAIL'
        bad += bool(probs)
        print('%s %s (%d claims)%s' % (status, it['id'], len(it['claims']), ''.join('\n    - ' + p for p in probs)))
    print('\n%d items, %d failing' % (len(items), bad))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
