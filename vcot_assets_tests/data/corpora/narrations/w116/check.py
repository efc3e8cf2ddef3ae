"""Standalone checker for w116 narrations: re-executes each program with sys.settrace,
records per-variable value histories and line counts, and checks every claim.
Faithful items: every claim must hold.  Error items: every claim except the erroneous
one(s) must hold, and the erroneous claim must be FALSE at the stated point."""
import sys, json, copy, re

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    g = {'__name__': 'prog'}
    exec(compile(code, '<prog>', 'exec'), g)
    hist, lines, last = {}, {}, {}
    global LINEVALS
    LINEVALS = {}
    def rec(frame):
        st = last.setdefault(id(frame), {})
        items = dict(frame.f_locals)
        s = items.pop('self', None)
        pairs = [(st, k, v) for k, v in items.items()]
        if s is not None and hasattr(s, '__dict__'):
            sst = last.setdefault(('self', id(s)), {})
            pairs += [(sst, 'self.' + k, v) for k, v in vars(s).items()]
        for d, k, v in pairs:
            v = snap(v)
            if k not in d or d[k] != v or type(d[k]) != type(v):
                d[k] = v
                hist.setdefault(k, []).append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            LINEVALS.setdefault(frame.f_lineno, []).append({k: snap(v) for k, v in frame.f_locals.items() if k != 'self'})
        rec(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def plain_call(code, call):
    g = {'__name__': 'prog'}
    exec(compile(code, '<plain>', 'exec'), g)
    return eval(call, g)

ARITH = re.compile(r'^(.*?)\s*(?:==|=|\bis\b|\bgives\b|->)\s*([^=]+?)\s*$')

def check_claim(c, ret, hist, lines):
    """Return (ok, note)."""
    w = c['what']
    val = eval(c['value'])
    if w == 'value':
        h = hist.get(c['variable'])
        if h is None:
            return False, 'no variable %s' % c['variable']
        if 'at' in c:
            at = c['at']
            if at >= len(h):
                return False, 'at %d beyond history %r' % (at, h)
            return (h[at] == val and type(h[at]) == type(val)), 'history[%d]=%r' % (at, h[at])
        if 'at_line' in c:
            snaps = [d.get(c['variable']) for d in LINEVALS.get(c['at_line'], [])]
            n = len(val)
            return any(snaps[i:i + n] == val for i in range(len(snaps))), 'values at line %d: %r' % (c['at_line'], snaps)
        if c.get('seq'):
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h))), 'history=%r' % (h,)
        return (val in h), 'history=%r' % (h[:12],)
    if w == 'count':
        m = re.match(r'loop@line (\d+)$', c['variable'])
        n = lines.get(int(m.group(1)), 0)
        return n == val, 'line %s ran %d times' % (m.group(1), n)
    if w in ('arith', 'comparison', 'call'):
        expr = c.get('expr')
        if expr is None:
            m = ARITH.match(c['quote'].strip('`'))
            expr = m.group(1).strip('`')
        got = eval(expr)
        return got == val, '%s evaluates to %r' % (expr, got)
    if w == 'return':
        return ret == val, 'returned %r' % (ret,)
    return False, 'unknown claim type'

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    progs = {json.loads(l)['id']: json.loads(l) for l in open('programs.jsonl') if l.strip()}
    out, nfail = [], 0
    for it in items:
        fails = []
        ret, hist, lines, g = run(it['code'], it['call'])
        if repr(ret) != it['returned']:
            fails.append('returned mismatch %r' % (ret,))
        p = progs.get(it['program_id'])
        if p is None or p['returned'] != it['returned'] or p['code'] != it['code']:
            fails.append('program record mismatch')
        if it['rationale'].strip().splitlines()[-1].strip() != 'Answer: ' + it['answer'] and \
           not it['rationale'].strip().splitlines()[-1].strip().endswith(it['answer']):
            fails.append('answer line mismatch')
        err = it['error']
        bad_quotes = set()
        if err:
            if err['quote'] not in it['rationale']:
                fails.append('error quote not in rationale')
            bad_quotes.add(err['quote'])
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                fails.append('claim quote missing: %r' % c['quote'])
                continue
            try:
                ok, note = check_claim(c, ret, hist, lines)
            except Exception as ex:
                ok, note = False, 'exception %r' % (ex,)
            is_err = err is not None and (c['quote'] == err['quote'] or c['quote'] in err['quote'] or err['quote'] in c['quote']) and c.get('is_error')
            if is_err:
                if ok:
                    fails.append('error claim is actually TRUE: %r (%s)' % (c['quote'], note))
                if err.get('held_elsewhere'):
                    v = eval(c['value'])
                    if c.get('seq') or 'at_line' in c:
                        v = eval(err['stated'])
                    if c['what'] == 'value':
                        seen = any(v in h for h in hist.values())
                    elif c['what'] == 'count':
                        seen = v in lines.values()
                    else:
                        seen = any(v in h for h in hist.values()) or v == ret
                    if not seen:
                        fails.append('held_elsewhere but %r never held' % (v,))
            elif not ok:
                fails.append('claim false: %r (%s)' % (c['quote'], note))
        # answers
        if it['direction'] == 'forward':
            right = eval(it['answer']) == ret
        else:
            try:
                right = plain_call(it['code'], it['answer']) == ret
            except Exception as e:
                right = False
        want_right = not (err and err['kind'] in ('wrong_final_answer', 'backward_wrong_input'))
        if right != want_right:
            fails.append('answer correctness %s, expected %s' % (right, want_right))
        if err:
            if err['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and \
               not any(c.get('is_error') for c in it['claims']):
                fails.append('no claim marked as the error')
            if err['stated'] == err['actual']:
                fails.append('stated == actual')
        status = 'PASS' if not fails else 'FAIL'
        nfail += bool(fails)
        out.append('%s %s %s' % (status, it['id'], '; '.join(fails)))
    out.append('items=%d failures=%d' % (len(items), nfail))
    txt = '\n'.join(out)
    print(txt)
    open('check_report.txt', 'w').write(txt + '\n')
    return nfail

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
