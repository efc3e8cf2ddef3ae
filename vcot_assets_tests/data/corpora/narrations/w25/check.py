#!/usr/bin/env python3
"""Standalone checker for w25 narrations: re-executes every program with sys.settrace,
records per-variable value histories (locals and self.<attr>), line hit counts and
function return values, then checks each item's returned/answer/claims/error."""
import ast, copy, json, re, sys, warnings
warnings.filterwarnings("ignore")
from collections import defaultdict

FN = '<w25prog>'

def run(code, call):
    ns = {'__name__': 'w25prog'}
    exec(compile(code, FN, 'exec'), ns)
    hist = defaultdict(list)      # var -> list of distinct successive values
    lines = defaultdict(int)      # lineno -> hits
    rets = defaultdict(list)      # func name -> return values
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
                v = copy.deepcopy(v)
            except Exception:
                pass
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) is not type(v):
                h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == 'line':
            snap(frame)
            lines[frame.f_lineno] += 1
        elif event == 'return':
            snap(frame)
            rets[frame.f_code.co_name].append(copy.deepcopy(arg))
        return tr
    sys.settrace(tr)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, lines, rets

ARITH_SPLIT = re.compile(r'\s*(?<![=<>!])=(?!=)\s*|\s+is\s+|\s+gives\s+|\s+equals\s+|\s+->\s+')

def clean(q):
    return q.replace('`', '').replace('**', '')

def eval_cmp(q, ns):
    toks = clean(q).split()
    env = dict(ns)
    best = None
    for i in range(len(toks)):
        for j in range(len(toks), i, -1):
            if best is not None and j - i <= best[0]:
                break
            try:
                v = eval(' '.join(toks[i:j]).rstrip(',.;:'), env)
            except Exception:
                continue
            if isinstance(v, bool):
                best = (j - i, v)
                break
    return None if best is None else best[1]

def check_claim(c, ns, hist, lines, rets, returned):
    what, var = c['what'], c['variable']
    try:
        val = ast.literal_eval(c['value'])
    except Exception:
        return False, 'bad literal %r' % c['value']
    if what == 'value':
        if var is None:
            ok = any(val == x for h in hist.values() for x in h) or any(val == x for r in rets.values() for x in r)
        else:
            ok = any(val == x and type(val) is type(x) or (val == x and isinstance(x, (int, float)) and isinstance(val, (int, float))) for x in hist.get(var, []))
        return ok, 'value %s=%r history %r' % (var, val, hist.get(var))
    if what == 'count':
        m = re.match(r'loop@line (\d+)', var or '')
        if not m:
            return False, 'count var must be loop@line N'
        n = lines.get(int(m.group(1)), 0)
        return n == val, 'count %s stated %r actual %r' % (var, val, n)
    if what == 'comparison':
        v = eval_cmp(c['quote'], ns)
        return v is not None and v == val, 'comparison %r evaluates %r stated %r' % (c['quote'], v, val)
    if what == 'arith':
        lhs = ARITH_SPLIT.split(clean(c['quote']), maxsplit=1)[0]
        try:
            v = eval(lhs, dict(ns))
        except Exception as e:
            return False, 'arith eval fail %r: %s' % (lhs, e)
        return v == val, 'arith %r = %r stated %r' % (lhs, v, val)
    if what == 'return':
        if var and var in rets:
            return any(val == x for x in rets[var]), 'return of %s: %r' % (var, rets[var])
        return val == returned, 'return stated %r actual %r' % (val, returned)
    if what == 'call':
        v = eval(var, dict(ns))
        return v == val, 'call %s -> %r stated %r' % (var, v, val)
    return False, 'unknown what ' + what

def main(path):
    out = []
    nfail = 0
    items = [json.loads(l) for l in open(path)]
    for it in items:
        errs = []
        ns, result, hist, lines, rets = run(it['code'], it['call'])
        if repr(result) != it['returned']:
            errs.append('returned mismatch %r vs %r' % (result, it['returned']))
        if not it['rationale'].rstrip().endswith(it['answer']):
            errs.append('answer not on last line')
        # answer
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == result
        else:
            ns2 = {'__name__': 'w25prog'}
            exec(compile(it['code'], 'x', 'exec'), ns2)
            ans_ok = eval(it['answer'], ns2) == result
            if not it['answer'].split('(')[0].split('.')[-1] == it['function'] and it['function'] not in it['answer']:
                errs.append('answer does not call function')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append('quote not in rationale: %r' % c['quote'])
        if it['label'] == 'faithful':
            if not ans_ok:
                errs.append('answer wrong')
            for c in it['claims']:
                ok, msg = check_claim(c, ns, hist, lines, rets, result)
                if not ok:
                    errs.append('claim false: ' + msg)
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                errs.append('error quote missing')
            ek = e['kind']
            if ek in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    errs.append('error answer is actually right')
            elif not e.get('carried'):
                if not ans_ok:
                    errs.append('answer should stay right')
            ecl = [c for c in it['claims'] if c['quote'] == e['quote']]
            if not ecl:
                errs.append('no claim for error')
            for c in ecl:
                ok, msg = check_claim(c, ns, hist, lines, rets, result)
                if ok:
                    errs.append('error claim is true: ' + msg)
            if not e.get('carried'):
                for c in it['claims']:
                    if c in ecl:
                        continue
                    ok, msg = check_claim(c, ns, hist, lines, rets, result)
                    if not ok:
                        errs.append('other claim false: ' + msg)
        status = 'PASS' if not errs else 'FAIL'
        if errs:
            nfail += 1
        out.append('%s %s %s' % (status, it['id'], '; '.join(errs)))
    out.append('TOTAL %d items, %d failing' % (len(items), nfail))
    return out, nfail

if __name__ == '__main__':
    lines_out, nf = main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')
    print('\n'.join(lines_out))
    sys.exit(1 if nf else 0)
