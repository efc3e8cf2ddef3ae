"""Standalone checker for w170 narrations: runs each call under sys.settrace, records per-variable
value histories (locals of every frame of the program, plus self.<attr>), line hit counts, and the
return value; then checks every claim of faithful items and the falsity of each error copy."""
import ast, copy, json, sys
from collections import defaultdict

def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist = defaultdict(list)
    hits = defaultdict(int)
    last = {}
    def snap(frame):
        cur = {}
        for k, v in frame.f_locals.items():
            cur[k] = v
            if k == 'self' and hasattr(v, '__dict__'):
                for a, av in vars(v).items():
                    cur['self.' + a] = av
        prev = last.setdefault(id(frame), {})
        for k, v in cur.items():
            try:
                same = k in prev and prev[k] == v and type(prev[k]) == type(v)
            except Exception:
                same = False
            if not same:
                try:
                    cv = copy.deepcopy(v)
                except Exception:
                    cv = v
                hist[k].append(cv)
                prev[k] = cv
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'call':
            last.pop(id(frame), None)
            snap(frame)
        elif event == 'line':
            if not frame.f_code.co_name.startswith('<'):
                hits[frame.f_lineno] += 1  # loop counts: not generator-expression frames
            snap(frame)
        elif event == 'return':
            snap(frame)
            last.pop(id(frame), None)
        return tr
    sys.settrace(tr)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return res, hist, hits

def plain(call, code):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def claim_true(c, res, hist, hits):
    val = ast.literal_eval(c['value'])
    w = c['what']
    if w == 'value':
        h = hist.get(c['variable'], [])
        if c.get('seq'):
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h) - n + 1))
        if 'index' in c:
            return len(h) > c['index'] and h[c['index']] == val
        return val in h
    if w == 'count':
        line = int(c['variable'].split('line')[1])
        return hits[line] == val
    if w in ('arith', 'comparison'):
        return eval(c['expr']) == val
    if w == 'return':
        return val == res
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    fails = []
    lines = []
    for it in items:
        res, hist, hits = run(it['code'], it['call'])
        prob = []
        if repr(res) != it['returned']:
            prob.append('returned mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                prob.append('quote missing: ' + c['quote'])
            ok = claim_true(c, res, hist, hits)
            if c.get('is_error'):
                if ok:
                    prob.append('error claim is actually true: ' + c['quote'])
            elif not ok:
                prob.append('false claim: ' + c['quote'])
        last = it['rationale'].strip().splitlines()[-1]
        if not last.startswith('Answer:') and not last.startswith('Predicted Output:'):
            prob.append('no answer line')
        if it['answer'] not in last:
            prob.append('answer not in last line')
        ek = it['error']['kind'] if it['error'] else None
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == res
        else:
            ans_ok = plain(it['answer'], it['code']) == res
        if ek in ('wrong_final_answer', 'backward_wrong_input'):
            if ans_ok:
                prob.append('wrong answer is actually right')
        elif not ans_ok:
            prob.append('answer wrong')
        if it['error']:
            e = it['error']
            if e['quote'] not in it['rationale']:
                prob.append('error quote missing')
            has_err_claim = any(c.get('is_error') for c in it['claims'])
            if ek not in ('wrong_final_answer', 'backward_wrong_input') and not has_err_claim:
                prob.append('no error claim')
            if e.get('held_elsewhere'):
                hv = ast.literal_eval(e['held_value'])
                if not any(hv in h for h in hist.values() if isinstance(h, list)) and hv != res:
                    prob.append('held value not held anywhere')
        status = 'PASS' if not prob else 'FAIL'
        lines.append(f"{status} {it['id']} ({it['label']}{', ' + ek if ek else ''}) " + '; '.join(prob))
        if prob:
            fails.append(it['id'])
    lines.append(f"\n{len(items)} items, {len(items) - len(fails)} pass, {len(fails)} fail")
    out = '\n'.join(lines)
    print(out)
    open('check_report.txt', 'w').write(out + '\n')
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
