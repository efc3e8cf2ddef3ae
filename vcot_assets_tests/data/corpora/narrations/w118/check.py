"""Standalone checker for w118 narrations: re-executes every program with sys.settrace,
records each variable's value history, and checks claims / answers / error copies."""
import ast, copy, json, sys
from collections import defaultdict

def run_traced(code, call):
    hist = defaultdict(list)      # "func:var" -> list of successive values (changes only)
    lines = defaultdict(int)      # line number -> times executed
    last = {}
    def snap(frame):
        fn = frame.f_code.co_name
        if fn.startswith('<'):
            return
        loc = dict(frame.f_locals)
        if 'self' in loc and hasattr(loc['self'], '__dict__'):
            for a, v in vars(loc['self']).items():
                loc['self.' + a] = v
        for k, v in loc.items():
            if k == 'self':
                continue
            key = fn + ':' + k
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            fk = key
            if fk not in last or last[fk] != v2:
                last[fk] = v2
                hist[key].append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            if not frame.f_code.co_name.startswith('<'):
                lines[frame.f_lineno] += 1
        snap(frame)
        return tracer
    env = {}
    exec(compile(code, '<prog>', 'exec'), env)
    sys.settrace(tracer)
    try:
        ret = eval(call, env)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_eval(code, call):
    env = {}
    exec(compile(code, '<prog>', 'exec'), env)
    return eval(call, env)

def values_of(hist, var):
    if ':' in var:
        return hist.get(var, [])
    out = []
    for k, v in hist.items():
        if k.split(':', 1)[1] == var:
            out.extend(v)
    return out

def count_of(lines, label):
    # label "loop@line N": times line N (the first line of the loop body) ran
    n = int(label.split('@line')[1])
    return lines[n]

import re
def arith_value(quote):
    expr = quote.replace('`', '')
    for cut in (' is ', ' so ', ' which', ' holds', ' fails', ' still'):
        if cut in expr:
            expr = expr.split(cut)[0]
    if re.search(r'(?<![=<>!])=(?!=)', expr):
        expr = re.split(r'(?<![=<>!])=(?!=)', expr)[0]
    expr = expr.strip().rstrip(',').strip()
    try:
        return eval(expr, {})
    except SyntaxError:
        return eval(expr.split(',')[0], {})

def check_point(at, hist, lines, ret):
    """Return the true value at the point described by `at`."""
    t = at['type']
    if t == 'hist':
        return values_of(hist, at['var'])[at['index']]
    if t == 'count':
        return count_of(lines, at['label'])
    if t == 'expr':
        return eval(at['expr'], {})
    if t == 'line_hits':
        return lines[at['line']]
    if t == 'return':
        return ret
    raise ValueError(t)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    fails = []
    report = []
    for it in items:
        errs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            errs.append('returned mismatch %r vs %s' % (ret, it['returned']))
        if not it['rationale'].rstrip().endswith(it['rationale'].rstrip().splitlines()[-1]) or not it['rationale'].rstrip().splitlines()[-1].startswith('Answer:') and 'Predicted Output' not in it['rationale'].rstrip().splitlines()[-1]:
            errs.append('last line not an Answer line')
        wrong_quote = it['error']['quote'] if it['error'] else None
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append('claim quote not in rationale: %r' % c['quote'])
                continue
            if it['label'] == 'error' and c['quote'] == wrong_quote:
                continue  # the planted error, checked below
            w = c['what']
            if w == 'call':
                try:
                    good = plain_eval(it['code'], c['value']) == ret
                except Exception:
                    good = False
                if not good:
                    errs.append('call claim false: %s' % c['value'])
                continue
            val = ast.literal_eval(c['value'])
            if w == 'value':
                if val not in values_of(hist, c['variable']):
                    errs.append('value claim false: %s=%r' % (c['variable'], val))
            elif w == 'count':
                if count_of(lines, c['variable']) != val:
                    errs.append('count claim false: %s=%r (real %r)' % (c['variable'], val, count_of(lines, c['variable'])))
            elif w in ('arith', 'comparison'):
                try:
                    av = arith_value(c['quote'])
                except Exception as ex:
                    av = ex
                if av != val:
                    errs.append('%s claim false: %r' % (w, c['quote']))
            elif w == 'return':
                if val != ret:
                    errs.append('return claim false')
            elif w == 'call':
                if plain_eval(it['code'], c['value'] if False else ast.literal_eval(c['value'])) != ret:
                    errs.append('call claim false')
        # answers
        if it['direction'] == 'forward':
            ans = ast.literal_eval(it['answer'])
            ok = (ans == ret)
        else:
            try:
                ok = plain_eval(it['code'], it['answer']) == ret
            except Exception:
                ok = False
        if it['label'] == 'faithful':
            if not ok:
                errs.append('faithful answer wrong')
            if it['error'] is not None:
                errs.append('faithful has error')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                errs.append('error quote missing')
            k = e['kind']
            if k == 'wrong_final_answer' or k == 'backward_wrong_input':
                if ok:
                    errs.append('wrong answer is actually right')
            else:
                if not ok:
                    errs.append('answer should stay right for %s' % k)
                at = e['at']
                stated = ast.literal_eval(e['stated'])
                actual = ast.literal_eval(e['actual'])
                if e['quote'] in it['rationale'] and e['quote'] not in [q['quote'] for q in it['claims']]:
                    errs.append('error quote not among claims')
                if at['type'] == 'never':
                    if stated in values_of(hist, at['var']):
                        errs.append('impossible_state value does occur')
                    if actual not in values_of(hist, at['var']):
                        errs.append('impossible_state actual not held')
                else:
                    truth = check_point(at, hist, lines, ret)
                    if truth != actual:
                        errs.append('error actual %r != truth %r' % (actual, truth))
                    if truth == stated:
                        errs.append('error stated is actually true')
                if e.get('held_elsewhere'):
                    pool = values_of(hist, e['held_var']) if e.get('held_var') else []
                    if stated not in pool:
                        errs.append('held_elsewhere value not held elsewhere')
            # other parts identical to faithful
        status = 'PASS' if not errs else 'FAIL'
        report.append('%s %s %s' % (status, it['id'], '; '.join(errs)))
        if errs:
            fails.append(it['id'])
    from collections import Counter
    faith = [i for i in items if i['label'] == 'faithful']
    report.append('')
    report.append('items: %d (faithful %d, error %d)' % (len(items), len(faith), len(items) - len(faith)))
    report.append('styles: %s' % dict(Counter(i['style'] for i in faith)))
    report.append('families: %s' % dict(Counter(i['family'] for i in faith)))
    report.append('directions: %s' % dict(Counter(i['direction'] for i in faith)))
    report.append('error kinds: %s' % dict(Counter(i['error']['kind'] for i in items if i['error'])))
    report.append('held_elsewhere: %d' % sum(1 for i in items if i['error'] and i['error'].get('held_elsewhere')))
    report.append('trace_events: %s' % sorted(i['trace_events'] for i in faith))
    report.append('FAILURES: %d' % len(fails))
    open('check_report.txt', 'w').write('\n'.join(report) + '\n')
    print('\n'.join(report[-10:]))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
