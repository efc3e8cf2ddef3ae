"""Standalone checker for w419 narrations (plain exec + sys.settrace; no project tool code)."""
import ast, json, sys
from collections import defaultdict

FN = '<w419prog>'

def run_traced(code, call):
    hist = defaultdict(list)   # var -> list of successive distinct values (all frames)
    hits = defaultdict(int)    # line -> times executed
    last = {}
    def snap(frame):
        items = dict(frame.f_locals)
        s = items.get('self')
        if s is not None and hasattr(s, '__dict__'):
            for k, v in vars(s).items():
                items['self.' + k] = v
        for k, v in items.items():
            if k == 'self':
                continue
            try:
                r = repr(v)
            except Exception:
                continue
            key = ('obj', id(items['self']), k) if k.startswith('self.') else (id(frame), k)
            if last.get(key) != r:
                last[key] = r
                try:
                    hist[k].append(ast.literal_eval(r))
                except Exception:
                    hist[k].append(r)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        snap(frame)
        if event == 'line':
            hits[frame.f_lineno] += 1
        return tracer
    g = {}
    exec(compile(code, FN, 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, FN + 'call', 'eval'), g)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain_call(code, call):
    g = {}
    exec(compile(code, FN, 'exec'), g)
    return eval(call, g)

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def loop_count(label, hits):
    # 'loop@line N' -> header hits - 1 (loop entered once); 'loop@line N/M' -> hits(N) - hits(M),
    # where M is the line that enters the (nested) loop once per entry
    spec = label.split('@line')[1].strip()
    if '/' in spec:
        a, b = spec.split('/')
        return hits[int(a)] - hits[int(b)]
    return hits[int(spec)] - 1

def check_claim(c, ret, hist, hits):
    w, v = c['what'], lit(c['value'])
    if w == 'value':
        return v in hist.get(c['variable'], [])
    if w == 'count':
        return loop_count(c['variable'], hits) == v
    if w in ('arith', 'call', 'comparison'):
        return eval(c['expr']) == v
    if w == 'return':
        return v == ret
    raise ValueError(w)

def check_error(item, ret, hist, hits, problems):
    e = item['error']; k = e['kind']; chk = e.get('check', {})
    iid = item['id']
    if item['rationale'].find(e['quote']) < 0:
        problems.append(f'{iid}: error quote not in rationale')
    stated, actual = lit(e['stated']), lit(e['actual'])
    if stated == actual:
        problems.append(f'{iid}: stated == actual')
    if k == 'wrong_final_answer':
        if lit(item['answer']) == ret: problems.append(f'{iid}: final answer not wrong')
        if actual != ret: problems.append(f'{iid}: actual != return')
        return
    if k == 'backward_wrong_input':
        try:
            r2 = plain_call(item['code'], item['answer'])
        except Exception as ex:
            r2 = ex
        if r2 == ret: problems.append(f'{iid}: backward answer still returns output')
        return
    t = chk.get('type')
    if t in ('value_at', 'seq'):
        h = hist.get(chk['variable'], [])
        idx = chk['index']
        if idx >= len(h) or h[idx] != actual: problems.append(f'{iid}: actual not at history[{idx}] of {chk["variable"]}: {h}')
        if idx < len(h) and h[idx] == stated: problems.append(f'{iid}: stated value true at that point')
        if e.get('held_elsewhere') and stated not in hist.get(chk.get('held_var', chk['variable']), []): problems.append(f'{iid}: held_elsewhere but never held')
        if not e.get('held_elsewhere') and t == 'value_at' and k == 'impossible_state' and stated in h:
            problems.append(f'{iid}: impossible_state value is held')
    elif t == 'count':
        n = loop_count('loop@line ' + str(chk['line']), hits)
        if n != actual: problems.append(f'{iid}: count actual {actual} != {n}')
        if n == stated: problems.append(f'{iid}: stated count true')
    elif t in ('arith', 'comparison'):
        r = eval(chk['expr'])
        if r != actual: problems.append(f'{iid}: expr gives {r}, actual says {actual}')
        if r == stated: problems.append(f'{iid}: stated is true')
        if e.get('held_elsewhere') and chk.get('variable') and stated not in hist.get(chk['variable'], []):
            problems.append(f'{iid}: held_elsewhere but never held')
    else:
        problems.append(f'{iid}: no check spec')

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    problems, nclaims = [], 0
    byid = {i['id']: i for i in items}
    for it in items:
        iid = it['id']
        ret, hist, hits = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            problems.append(f'{iid}: returned mismatch {ret!r}')
        if not it['rationale'].rstrip().splitlines()[-1].startswith('Answer:') and it['style'] != 'paper':
            problems.append(f'{iid}: no Answer line')
        if it['answer'] not in it['rationale'].rstrip().splitlines()[-1]:
            problems.append(f'{iid}: answer not in last line')
        for c in it['claims']:
            nclaims += 1
            if c['quote'] not in it['rationale']:
                problems.append(f'{iid}: quote missing: {c["quote"]!r}')
            ok = check_claim(c, ret, hist, hits)
            if c.get('is_error'):
                # point-specific falsity is verified in check_error via error['check']
                if ok and 'check' not in it['error']:
                    problems.append(f'{iid}: error claim is true: {c["quote"]!r}')
            elif not ok:
                problems.append(f'{iid}: false claim {c["quote"]!r} -> {c["value"]}')
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret: problems.append(f'{iid}: forward answer wrong')
            else:
                try:
                    r2 = plain_call(it['code'], it['answer'])
                except Exception as ex:
                    r2 = ex
                if r2 != ret: problems.append(f'{iid}: backward answer wrong ({r2!r})')
        else:
            if it['faithful_id'] not in byid: problems.append(f'{iid}: missing faithful')
            check_error(it, ret, hist, hits, problems)
            if it['direction'] == 'forward' and it['error']['kind'] != 'wrong_final_answer' and lit(it['answer']) != ret:
                if not it['error'].get('carried'): problems.append(f'{iid}: answer changed without carried')
    lines = [f'items: {len(items)}', f'faithful: {sum(i["label"]=="faithful" for i in items)}',
             f'programs: {len({i["program_id"] for i in items})}', f'claims checked: {nclaims}',
             f'problems: {len(problems)}'] + problems
    lines.append('RESULT: PASS' if not problems else 'RESULT: FAIL')
    out = '\n'.join(lines)
    print(out)
    open('check_report.txt', 'w').write(out + '\n')
    return not problems

if __name__ == '__main__':
    sys.exit(0 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 1)
