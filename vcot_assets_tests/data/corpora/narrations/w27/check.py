#!/usr/bin/env python3
"""Standalone checker for w27 narrations: re-runs every program with sys.settrace and
checks returned values, claims, answers, and that error copies really are wrong."""
import ast, json, sys, copy, re

def run_traced(code, call):
    hist = {}      # name -> list of values (deep copies) across all frames
    lines = {}     # line number -> hit count (program code only)
    seq = []       # (frame id, lineno) for each line event, in order
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        lst = hist.setdefault(name, [])
        if not lst or lst[-1] != v or type(lst[-1]) is not type(v):
            lst.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self' and hasattr(v, '__dict__'):
                for a, av in vars(v).items():
                    rec('self.' + a, av)
            elif not callable(v) and not isinstance(v, type):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            snap(frame)
            if event == 'line':
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
                seq.append((id(frame), frame.f_lineno))
            if event == 'return':
                rec('<return:%s>' % frame.f_code.co_name, arg)
            return local
        snap(frame)
        return local
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    lines['__seq__'] = seq
    lines['__code__'] = code
    return result, hist, lines

def plain_call(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def loop_iterations(code, seq, header):
    # iterations = hits of the header line whose next line event in the same frame is in the body
    src = code.splitlines()
    ind = lambda s: len(s) - len(s.lstrip())
    body = set()
    for k in range(header, len(src)):
        if src[k].strip() and ind(src[k]) <= ind(src[header - 1]):
            break
        body.add(k + 1)
    count = 0
    for idx, (fid, ln) in enumerate(seq):
        if ln != header:
            continue
        for fid2, ln2 in seq[idx + 1:]:
            if fid2 == fid:
                if ln2 in body:
                    count += 1
                break
    return count

def arith_lhs(q):
    q = q.strip().rstrip('.').strip('`')
    for sep in (' = ', '=', ' is ', ' gives ', ' -> '):
        if sep in q:
            lhs, rhs = q.split(sep, 1)
            return lhs.strip().strip('`'), rhs.strip().strip('`')
    return None, None

def check_claim(c, hist, lines, returned):
    what, val = c['what'], c['value']
    try:
        v = ast.literal_eval(val)
    except Exception:
        return False, 'unparseable value %r' % val
    if what == 'value':
        h = hist.get(c['variable'], [])
        ok = any(x == v and type(x) == type(v) or (isinstance(x, (int, float)) and not isinstance(x, bool) and isinstance(v, (int, float)) and x == v) for x in h)
        return ok, 'history of %s: %r' % (c['variable'], h[:40])
    if what == 'count':
        var = c['variable']
        m = re.match(r'loop@line (\d+)', var)
        if not m:
            return False, 'count variable must be loop@line N'
        n = loop_iterations(lines['__code__'], lines['__seq__'], int(m.group(1)))
        return n == v, 'loop iterations %d' % n
    if what in ('arith', 'comparison'):
        lhs, rhs = arith_lhs(c['quote']) if what == 'arith' else (c['quote'].strip('`'), None)
        if what == 'comparison':
            expr = re.sub(r'\s+(is|holds|fails)\s*(true|false|True|False)?\s*$', '', lhs)
            expr = expr.replace('`', '').replace('≤', '<=').replace('≥', '>=')
            try:
                got = eval(expr, {})
            except Exception as e:
                return False, 'cannot eval comparison %r: %s' % (expr, e)
            return bool(got) == v, 'evaluates to %r' % got
        try:
            got = eval(lhs.replace('`', '').replace('×', '*'), {})
        except Exception as e:
            return False, 'cannot eval %r: %s' % (lhs, e)
        return got == v, '%s evaluates to %r' % (lhs, got)
    if what == 'return':
        return v == returned, 'returned %r' % (returned,)
    if what == 'call':
        return True, 'call claims checked via answer'
    return False, 'unknown what %r' % what

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {it['id']: it for it in items}
    report, nfail = [], 0
    for it in items:
        probs = []
        result, hist, lines = run_traced(it['code'], it['call'])
        if repr(result) != it['returned']:
            probs.append('returned mismatch %r vs %s' % (result, it['returned']))
        text = it['rationale']
        lastline = text.strip().splitlines()[-1]
        if not lastline.startswith('Answer:') and not lastline.startswith('Predicted Output:'):
            probs.append('last line not Answer')
        if it['answer'] not in lastline:
            probs.append('answer not in last line')
        # answer check
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == result
        else:
            try:
                ans_ok = plain_call(it['code'], it['answer']) == result and it['answer'].startswith(it['function'] + '(')
            except Exception as e:
                ans_ok = False
        claim_res = []
        for c in it['claims']:
            if c['quote'] not in text:
                probs.append('claim quote not in rationale: %r' % c['quote'])
            ok, why = check_claim(c, hist, lines, result)
            claim_res.append((c, ok, why))
        if it['label'] == 'faithful':
            if not ans_ok:
                probs.append('faithful answer wrong: %s' % it['answer'])
            for c, ok, why in claim_res:
                if not ok:
                    probs.append('false claim %r (%s)' % (c['quote'], why))
        else:
            e = it['error']
            if e['quote'] not in text:
                probs.append('error quote not in rationale')
            if it['faithful_id'] not in byid:
                probs.append('faithful_id missing')
            k = e['kind']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('error answer is actually right')
                if k == 'wrong_final_answer' and it['direction'] != 'forward':
                    probs.append('wrong_final_answer is forward only')
                if k == 'backward_wrong_input' and it['direction'] != 'backward':
                    probs.append('backward_wrong_input is backward only')
                for c, ok, why in claim_res:
                    if not ok and c['what'] != 'return':
                        probs.append('other false claim %r (%s)' % (c['quote'], why))
            else:
                if not ans_ok:
                    probs.append('answer should still be right for %s' % k)
                errc = [x for x in claim_res if e['quote'] in x[0]['quote'] or x[0]['quote'] in e['quote']]
                bad = [x for x in errc if not x[1]]
                if not bad:
                    probs.append('error claim not shown false: %r' % [(x[0]['quote'], x[2]) for x in errc])
                if not e.get('carried'):
                    for c, ok, why in claim_res:
                        if not ok and c not in [x[0] for x in errc]:
                            probs.append('other false claim %r (%s)' % (c['quote'], why))
        status = 'PASS' if not probs else 'FAIL'
        if probs:
            nfail += 1
        report.append('%s %s [%s/%s/%s%s] claims=%d' % (status, it['id'], it['direction'], it['style'], it['label'], '/' + it['error']['kind'] if it['error'] else '', len(it['claims'])))
        for p in probs:
            report.append('    ' + p)
    report.append('TOTAL %d items, %d failing' % (len(items), nfail))
    print('\n'.join(report))
    return nfail

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else '/work/corpus/narrations/w27/narrations.jsonl') else 0)
