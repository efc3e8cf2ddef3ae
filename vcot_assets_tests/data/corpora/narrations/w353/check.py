"""Standalone checker for w353 narrations: replays each call with sys.settrace and checks
returned values, every claim of faithful items, and that each error copy's error is really false."""
import ast, copy, json, sys

def run_traced(code, call):
    H, C, last, S = {}, {}, {}, []
    def rec(frame):
        fid = id(frame)
        seen = last.setdefault(fid, {})
        items = dict(frame.f_locals)
        if 'self' in items:
            try:
                for k, v in vars(items['self']).items():
                    items['self.' + k] = v
            except TypeError:
                pass
        for k, v in items.items():
            if k == 'self' or k.startswith('.'):
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = repr(v)
            if k not in seen or seen[k] != v2 or type(seen[k]) is not type(v2):
                seen[k] = v2
                H.setdefault(k, []).append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            C[frame.f_lineno] = C.get(frame.f_lineno, 0) + 1
            snap = {}
            for k, v in frame.f_locals.items():
                try:
                    snap[k] = copy.deepcopy(v)
                except Exception:
                    snap[k] = repr(v)
            S.append((frame.f_lineno, snap))
        if event in ('line', 'return', 'call'):
            rec(frame)
        if event == 'return':
            last.pop(id(frame), None)
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        R = eval(compile(call, '<call>', 'eval'), ns)
    finally:
        sys.settrace(None)
    return H, C, R, S

def plain(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def check_claim(cl, H, C, R, code, G):
    what, var = cl['what'], cl.get('variable')
    val = ast.literal_eval(cl['value'])
    if what == 'comparison':
        return bool(eval(cl['check'], G)) == val
    if cl.get('sequence'):
        return bool(eval(cl['check'], G))
    if 'check' in cl:
        ok = eval(cl['check'], G)
        if not ok:
            return False
    if what == 'value':
        if var is None:
            return any(val in h for h in H.values()) or val == R
        return var in H and val in H[var]
    if what == 'count':
        line = int(var.split('@line')[1]) if '@line' in var else None
        return C.get(line, 0) == val
    if what == 'arith':
        q = cl['quote'].replace('`', '')
        expr = q.rsplit('=', 1)[0] if '=' in q.replace('==', '') else q
        expr = expr.replace(' is ', ' == ') if False else expr
        return eval(cl.get('expr', expr)) == val
    if what == 'return':
        return val == R
    if what == 'call':
        return plain(code, cl['value'] if False else cl['quote']) == R if 'quote' in cl else False
    return False

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    out, bad = [], 0
    for it in items:
        errs = []
        H, C, R, S = run_traced(it['code'], it['call'])
        def at(line, var, S=S):
            return [snap[var] for ln, snap in S if ln == line and var in snap]
        G = {'H': H, 'C': C, 'R': R, 'at': at, 'ast': ast}
        if repr(R) != it['returned']:
            errs.append('returned mismatch %r' % (R,))
        rat = it['rationale']
        last_line = rat.strip().splitlines()[-1]
        if not last_line.startswith('Answer:') or last_line[len('Answer:'):].strip() != it['answer']:
            errs.append('answer line mismatch')
        err = it['error']
        for cl in it['claims']:
            if cl['quote'] not in rat:
                errs.append('quote missing: ' + cl['quote'])
                continue
            is_err = err is not None and ((cl['quote'] == err['quote'] and cl.get('variable') == err.get('variable')) or cl.get('carried'))
            try:
                ok = check_claim(cl, H, C, R, it['code'], G)
            except Exception as e:
                ok = False
            # an error claim's falsity is confirmed point-specifically by err['check'] below
            if not is_err and not ok:
                errs.append('false claim: %s (%s)' % (cl['quote'], cl['value']))
        # answers
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == R
        else:
            try:
                ans_ok = plain(it['code'], it['answer']) == R
            except Exception:
                ans_ok = False
        wrong_ans = err is not None and err['kind'] in ('wrong_final_answer', 'backward_wrong_input')
        if ans_ok == wrong_ans:
            errs.append('answer check failed (ans_ok=%s)' % ans_ok)
        if err is not None:
            if err['quote'] not in rat:
                errs.append('error quote missing')
            if not eval(err['check'], G):
                errs.append('error check not confirmed false: ' + err['check'])
            if err['kind'] == 'wrong_arithmetic':
                e = err.get('expr') or err['quote'].replace('`', '').rsplit('=', 1)[0]
                if eval(e) == ast.literal_eval(err['stated']):
                    errs.append('arith error evaluates true')
        else:
            if it['faithful_id'] is not None:
                errs.append('faithful with faithful_id')
        status = 'PASS' if not errs else 'FAIL'
        bad += bool(errs)
        out.append('%s %s %s' % (status, it['id'], '; '.join(errs)))
    out.append('items=%d failed=%d' % (len(items), bad))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out))

if __name__ == '__main__':
    main()
