"""Standalone checker for w380 narrations: runs each call under sys.settrace, records
per-variable value histories (locals and self.<attr>), and checks claims / errors."""
import sys, json, ast, copy, re
from collections import defaultdict

def run_traced(code, call):
    hist = defaultdict(list)          # var -> list of values (consecutive duplicates removed)
    lines = defaultdict(int)          # (function, line_no relative) -> executions
    def snap(frame):
        loc = frame.f_locals
        items = [(k, v) for k, v in loc.items() if not k.startswith('.')]
        for name, obj in list(items):
            if type(obj).__module__ == 'prog' and hasattr(obj, '__dict__') and not isinstance(obj, type):
                items += [(name + '.' + k, v) for k, v in vars(obj).items()]
        for k, v in items:
            if callable(v) and not isinstance(v, (list, dict, tuple, set)):
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            lines[(frame.f_code.co_name, frame.f_lineno)] += 1
        snap(frame)
        return tracer
    g = {'__name__': 'prog'}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, '<prog>', 'eval'), g)
    finally:
        sys.settrace(None)
    return result, hist, lines, g

def lit(s):
    return ast.literal_eval(s)

def count_of(lines, spec):
    # spec: "func:line" -> times the body line ran
    fn, ln = spec.split(':')
    return lines[(fn, int(ln))]

def check_claim(c, res, hist, lines, g):
    w = c['what']
    v = lit(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if c.get('subseq'):
            it_h = iter(h)
            return all(any(x == y for y in it_h) for x in v), f"history {c['variable']}={h!r}"
        if c.get('seq'):
            n = len(v)
            return any(h[j:j + n] == v for j in range(len(h))), f"history {c['variable']}={h!r}"
        if 'index' in c:
            return c['index'] < len(h) and h[c['index']] == v, f"{c['variable']}[{c['index']}]={h[c['index']] if c['index'] < len(h) else None!r}"
        return v in h, f"history {c['variable']}={h!r}"
    if w == 'count':
        n = count_of(lines, c['line'])
        return n == v, f"count {c['line']}={n}"
    if w in ('arith', 'comparison'):
        r = eval(c['expr'], {})
        return r == v and type(r) == type(v) or (w == 'arith' and r == v), f"{c['expr']} -> {r!r}"
    if w == 'return':
        return res == v, f"returned {res!r}"
    if w == 'call':
        return eval(c['expr'], g) == v, "call"
    return False, 'unknown what'

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    progs = {json.loads(l)['id']: json.loads(l) for l in open('programs.jsonl') if l.strip()}
    out = []; bad = 0
    for it in items:
        errs = []
        res, hist, lines, g = run_traced(it['code'], it['call'])
        if repr(res) != it['returned']:
            errs.append(f"returned mismatch {res!r}")
        p = progs.get(it['program_id'])
        if p is None or p['returned'] != it['returned'] or len(p['events']) != it['trace_events']:
            errs.append('programs.jsonl mismatch')
        rat = it['rationale']
        last = rat.rstrip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            errs.append('Answer line != answer field')
        for c in it['claims']:
            if c['quote'] not in rat:
                errs.append(f"quote missing: {c['quote']!r}")
        if it['label'] == 'faithful':
            for c in it['claims']:
                ok, why = check_claim(c, res, hist, lines, g)
                if not ok:
                    errs.append(f"false claim {c['quote']!r}: {why}")
            if it['direction'] == 'forward':
                if lit(it['answer']) != res: errs.append('forward answer wrong')
            else:
                if (it['function'] + '(') not in it['answer']: errs.append('backward answer not a call of function')
                r2 = run_traced(it['code'], it['answer'])[0]
                if r2 != res: errs.append(f'backward answer returns {r2!r}')
        else:
            e = it['error']
            if e['quote'] not in rat: errs.append('error quote missing')
            if e['stated'] not in e['quote']: errs.append('stated not in quote')
            k = e['kind']; chk = e.get('check', {})
            if k == 'wrong_final_answer':
                if lit(it['answer']) == res: errs.append('final answer not wrong')
                if e['stated'] != it['answer']: errs.append('stated != answer')
            elif k == 'backward_wrong_input':
                try:
                    r2 = run_traced(it['code'], it['answer'])[0]
                except Exception as ex:
                    r2 = ex
                if r2 == res: errs.append('backward wrong input actually returns output')
            elif k in ('wrong_arithmetic',):
                r = eval(chk['expr'], {})
                if r == lit(e.get('stated_value', e['stated'])) or r != lit(e['actual']): errs.append(f'arith not wrong: {r}')
            elif k == 'branch_not_taken':
                r = eval(chk['expr'], {})
                if r == lit(e.get('stated_value', e['stated'])) or r != lit(e['actual']): errs.append(f'branch claim not wrong: {r}')
            elif k == 'off_by_one_loop_count':
                n = count_of(lines, chk['line'])
                sv = lit(e.get('stated_value', e['stated']))
                if n == sv or n != lit(e['actual']) or abs(n - sv) != 1:
                    errs.append(f'count not off by one: {n}')
            else:  # value at a point
                st = lit(e.get('stated_value', e['stated']))
                if 'expr' in chk:
                    h = []; at = eval(chk['expr'], {})
                else:
                    h = hist.get(chk['variable'], [])
                    i = chk['index']
                    at = h[i] if i < len(h) else None
                if at == st or at != lit(e['actual']):
                    errs.append(f'value at point not as annotated: {at!r}')
                if k == 'impossible_state' and st in h:
                    errs.append('impossible state value occurs in history')
            if k in ('wrong_arithmetic', 'off_by_one_loop_count', 'wrong_loop_summary_value', 'wrong_intermediate_right_answer', 'swapped_variables', 'impossible_state'):
                st = lit(e.get('stated_value', e['stated']))
                alls = [x for hh in hist.values() for x in hh]
                alls += [y for x in list(alls) if isinstance(x, (list, tuple)) for y in x]
                alls += [y for x in list(alls) if isinstance(x, dict) for y in x.values()]
                if e.get('held_elsewhere') and st not in alls and not (k == 'off_by_one_loop_count'):
                    errs.append('held_elsewhere but value never held')
            if k == 'wrong_intermediate_right_answer' or k in ('wrong_arithmetic','off_by_one_loop_count','branch_not_taken','wrong_loop_summary_value','impossible_state','swapped_variables'):
                if it['direction'] == 'forward' and lit(it['answer']) != res and not e.get('carried'):
                    errs.append('uncarried error changed forward answer')
            fid = it['faithful_id']
            if fid not in {x['id'] for x in items}: errs.append('faithful_id missing')
        status = 'PASS' if not errs else 'FAIL'
        if errs: bad += 1
        out.append(f"{status} {it['id']} ({it['label']}{'/' + it['error']['kind'] if it['error'] else ''})" + ''.join('\n    ' + x for x in errs))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
