"""Standalone checker for the w49 narration corpus.

Runs every program call under sys.settrace, records per-variable value histories
(locals of every frame of the program, plus attributes of user-class instances as
`name.attr`), line hit counts and per-function return values, then checks each
narration's claims, answer and error annotation.  Usage: python3 check.py [narrations.jsonl]
"""
import ast, copy, json, re, sys
from collections import defaultdict

FN = '<program>'


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


def run_program(code, call):
    ns = {'__name__': 'program'}
    exec(compile(code, FN, 'exec'), ns)
    hist = defaultdict(list)
    lines = defaultdict(int)
    rets = defaultdict(list)

    def record(frame):
        for k, v in list(frame.f_locals.items()):
            cand = [(k, v)]
            if hasattr(v, '__dict__') and type(v).__module__ == 'program' and not isinstance(v, type):
                cand += [(k + '.' + a, av) for a, av in vars(v).items()]
            for name, val in cand:
                h = hist[name]
                s = snap(val)
                if not h or h[-1] != s or type(h[-1]) != type(s):
                    h.append(s)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == 'line':
            record(frame)
            lines[frame.f_lineno] += 1
        elif event == 'return':
            record(frame)
            rets[frame.f_code.co_name].append(snap(arg))
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, lines, rets


def split_arith(q):
    q = q.replace('`', '').strip()
    for sep in (' is ', ' gives ', ' returns ', ' → ', ' -> '):
        if sep in q:
            lhs, rhs = q.rsplit(sep, 1)
            return lhs, rhs
    m = re.search(r'(?<![=<>!])=(?!=)', q)
    if m:
        return q[:m.start()], q[m.end():]
    return q, None


def check_claim(cl, ctx):
    ns, result, hist, lines, rets = ctx
    what, var = cl['what'], cl.get('variable')
    try:
        val = ast.literal_eval(cl['value'])
    except Exception:
        return False, 'value not a literal: %r' % cl['value']
    if what == 'value' and var and var.endswith('*'):
        h = hist.get(var[:-1])
        if h is None:
            return False, 'no variable %s' % var
        # the stated values must appear as a contiguous run of the (deduplicated) history
        n = len(val)
        ok = any(all(h[i + k] == val[k] for k in range(n)) for i in range(len(h) - n + 1))
        return ok, '%s history %r' % (var, h[:40])
    if what == 'value':
        h = hist.get(var)
        if h is None:
            return False, 'no variable %s' % var
        ok = any(x == val and type(x) == type(val) for x in h) or any(x == val for x in h)
        return ok, '%s history %r' % (var, h[:40])
    if what == 'count':
        # loop@line N: iterations of the loop whose header is line N (= executions of line N+1,
        # its first body line); hits@line N: number of times line N itself ran
        m = re.match(r'(loop|hits)@line (\d+)$', var or '')
        if not m:
            return False, 'bad count label %r' % var
        ln = int(m.group(2))
        n = lines.get(ln + 1 if m.group(1) == 'loop' else ln, 0)
        return n == val, 'body line hits %d' % n
    if what in ('arith', 'comparison', 'call'):
        lhs, _ = split_arith(cl['quote']) if what != 'comparison' else (cl['quote'].replace('`', ''), None)
        try:
            got = eval(lhs, dict(ns))
        except Exception as e:
            return False, 'cannot eval %r: %s' % (lhs, e)
        if what == 'comparison':
            return bool(got) == bool(val), 'eval %r -> %r' % (lhs, got)
        return got == val, 'eval %r -> %r' % (lhs, got)
    if what == 'return':
        if var:
            return val in rets.get(var, []), 'returns of %s: %r' % (var, rets.get(var))
        return val == result, 'returned %r' % (result,)
    return False, 'unknown what %r' % what


def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    cache = {}
    fails = 0
    out = []
    for it in items:
        key = (it['code'], it['call'])
        if key not in cache:
            cache[key] = run_program(it['code'], it['call'])
        ctx = cache[key]
        ns, result = ctx[0], ctx[1]
        probs = []
        if repr(result) != it['returned']:
            probs.append('returned mismatch %r vs %r' % (result, it['returned']))
        rat = it['rationale']
        last = rat.strip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            probs.append('last line is not Answer: <answer>')
        # answer
        if it['direction'] == 'forward':
            try:
                ans_ok = ast.literal_eval(it['answer']) == result
            except Exception as e:
                ans_ok = False
        else:
            try:
                ans_ok = eval(it['answer'], dict(ns)) == result and it['answer'].startswith(it['function'] + '(')
            except Exception:
                ans_ok = False
        err = it.get('error')
        is_err = it['label'] == 'error'
        if it['label'] == 'faithful' and not ans_ok:
            probs.append('answer wrong: %s' % it['answer'])
        if is_err and err['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
            if ans_ok:
                probs.append('error answer is actually right')
        elif is_err and not ans_ok and not err.get('carried'):
            probs.append('answer wrong in non-answer error copy')
        errpos = rat.find(err['quote']) if is_err else -1
        if is_err and errpos < 0:
            probs.append('error quote not in rationale')
        seen_err_claim = False
        for cl in it['claims']:
            pos = rat.find(cl['quote'])
            if pos < 0:
                probs.append('claim quote not found: %r' % cl['quote'])
                continue
            ok, why = check_claim(cl, ctx)
            is_the_err = is_err and (cl['quote'] == err['quote'] or (cl['quote'] in err['quote'] and not any(c['quote'] == err['quote'] for c in it['claims'])))
            if is_the_err:
                seen_err_claim = True
                if ok:
                    probs.append('error claim is actually TRUE: %r (%s)' % (cl['quote'], why))
            elif not ok:
                if is_err and err.get('carried') and pos >= errpos:
                    continue
                probs.append('claim false: %r var=%s val=%s (%s)' % (cl['quote'], cl.get('variable'), cl['value'], why))
        if is_err and not seen_err_claim:
            probs.append('no claim matches the error quote')
        status = 'PASS' if not probs else 'FAIL'
        if probs:
            fails += 1
        out.append('%s %s [%s/%s/%s%s] claims=%d' % (status, it['id'], it['direction'], it['style'], it['label'],
                   '/' + err['kind'] if is_err else '', len(it['claims'])))
        for p in probs:
            out.append('    - ' + p)
    out.append('TOTAL %d items, %d failing' % (len(items), fails))
    print('\n'.join(out))
    return fails


if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
