"""Standalone checker for w386 narrations: executes each program under sys.settrace,
records per-variable value histories (locals and self.<attr>), line hit counts and
return values, then verifies every claim / answer / error annotation."""
import ast, copy, json, sys, re, warnings
warnings.filterwarnings('ignore')

def run_traced(code, call):
    hist = {}        # name -> list of consecutive distinct values (per frame, merged in order)
    lines = {}       # lineno -> hits (program code only)
    rets = {}        # function name -> list of return values
    last = {}
    at = {}          # (lineno, k-th hit) -> variables just before that line runs
    def snap(frame, lineno=None):
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
                continue
            key = (id(frame), k)
            if lineno is not None:
                at.setdefault((lineno, lines.get(lineno, 0) + 1), {})[k] = v
            if key not in last or last[key] != v:
                last[key] = v
                hist.setdefault(k, []).append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            snap(frame, frame.f_lineno)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            snap(frame)
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    c = compile(call, '<prog-call>', 'eval')
    sys.settrace(tracer)
    try:
        result = eval(c, g)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets, at

def plain_eval(code, call):
    g = {}
    exec(compile(code, '<p>', 'exec'), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def arith_expr(c):
    if 'expr' in c:
        return c['expr']
    q = c['quote'].replace('`', '')
    return re.split(r'\s*(?:=(?!=)|\bis\b|gives|->)\s*', q)[0]

def check_claim(c, res, hist, lines, rets, at):
    """returns (ok, actual-description)"""
    w = c['what']
    if w == 'value' or w == 'call':
        v = lit(c['value'])
        name = c['variable']
        if name is None:
            pool = [x for h in hist.values() for x in h] + [x for r in rets.values() for x in r]
            return v in pool, 'any'
        if w == 'call' or name.endswith('()'):
            fn = name.rstrip('()').split('.')[-1]
            return v in rets.get(fn, []), rets.get(fn)
        if 'at' in c:
            # value of `name` just before line at.line runs for the at.hit-th time
            snapv = at.get((c['at']['line'], c['at']['hit']), {})
            if name not in snapv:
                raise KeyError('no snapshot for %s at %r' % (name, c['at']))
            return snapv[name] == v, snapv[name]
        return v in hist.get(name, []), hist.get(name)
    if w == 'count':
        m = re.match(r'loop@line (\d+)', c['variable'])
        n = lines.get(int(m.group(1)), 0)
        return n == lit(c['value']), n
    if w == 'comparison':
        act = bool(eval(c['expr'])) if 'expr' in c else None
        return act == lit(c['value']), act
    if w == 'arith':
        act = eval(arith_expr(c))
        return act == lit(c['value']), act
    if w == 'return':
        return lit(c['value']) == res, res
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    out = []
    fails = 0
    byid = {it['id']: it for it in items}
    for it in items:
        errs = []
        res, hist, lines, rets, at = run_traced(it['code'], it['call'])
        if repr(res) != it['returned']:
            errs.append('returned mismatch %r' % (res,))
        last = it['rationale'].rstrip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            errs.append('answer line mismatch: %r' % last)
        ek = it['error']['kind'] if it['error'] else None
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append('quote not in rationale: %r' % c['quote'])
                continue
            try:
                ok, act = check_claim(c, res, hist, lines, rets, at)
            except Exception as ex:
                errs.append('claim check crashed: %r %r' % (c['quote'], ex))
                continue
            if c.get('is_error'):
                if ok:
                    errs.append('error claim is actually TRUE: %r' % c['quote'])
            elif c.get('carried'):
                pass
            elif not ok:
                errs.append('claim false: %r (actual %r)' % (c['quote'], act))
        # answer
        if it['direction'] == 'forward':
            good = lit(it['answer']) == res
        else:
            try:
                good = plain_eval(it['code'], it['answer']) == res
            except Exception as e:
                good = False
        carried_ans = (it['label'] == 'error' and it['error'].get('carried')
                       and byid[it['faithful_id']]['answer'] != it['answer'])
        if it['label'] == 'faithful' or (ek not in ('wrong_final_answer', 'backward_wrong_input') and not carried_ans):
            if not good:
                errs.append('answer does not reproduce output')
        else:
            if good:
                errs.append('wrong-answer error copy actually right')
        if it['label'] == 'error':
            e = it['error']
            if e['quote'] not in it['rationale']:
                errs.append('error quote missing')
            if e['stated'] not in e['quote']:
                errs.append('stated not in error quote')
            if ek not in ('wrong_final_answer', 'backward_wrong_input'):
                ecl = [c for c in it['claims'] if c.get('is_error')]
                if not ecl:
                    errs.append('no is_error claim')
                if ek == 'impossible_state':
                    for c in ecl:
                        if c['variable'] and lit(c['value']) in hist.get(c['variable'], []):
                            errs.append('impossible_state value actually occurs')
                if e.get('held_elsewhere'):
                    pool = [x for h in hist.values() for x in h] + [x for r in rets.values() for x in r] + list(lines.values())
                    for c in ecl:
                        if lit(c['value']) not in pool:
                            errs.append('held_elsewhere but value never occurs')
            f = byid.get(it['faithful_id'])
            if f is None:
                errs.append('faithful_id missing')
        status = 'PASS' if not errs else 'FAIL'
        fails += bool(errs)
        out.append('%s %s %s' % (status, it['id'], '; '.join(errs)))
    out.append('items: %d  failures: %d' % (len(items), fails))
    rep = '\n'.join(out) + '\n'
    open('check_report.txt', 'w').write(rep)
    print(rep)
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
