"""Standalone checker for w279 narrations: runs each program with sys.settrace, records every
variable's value history (locals of every frame of the program, plus attributes of `self`),
line execution counts, and checks claims / answers / errors against real execution."""
import ast, json, re, sys, copy

def run(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    hist, lines, samples = {}, {}, {}
    prev = {}
    def note(name, v):
        try: v = copy.deepcopy(v)
        except Exception: return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v): h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self' and hasattr(v, '__dict__'):
                for a, av in vars(v).items(): note(a, av)
            elif not callable(v): note(k, v)
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != '<prog>': return None
        snap(frame)
        if ev == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            p = prev.get(id(frame)); prev[id(frame)] = frame.f_lineno
            lines[(p, frame.f_lineno)] = lines.get((p, frame.f_lineno), 0) + 1
            for k, v in frame.f_locals.items():
                if not callable(v):
                    try: samples.setdefault((p, frame.f_lineno, k), []).append(copy.deepcopy(v))
                    except Exception: pass
            for k, v in frame.f_locals.items():
                if not callable(v):
                    try: samples.setdefault((frame.f_lineno, k), []).append(copy.deepcopy(v))
                    except Exception: pass
        return tr
    sys.settrace(tr)
    try: ret = eval(call, g)
    finally: sys.settrace(None)
    return ret, hist, (lines, samples), g

def lit(s): return ast.literal_eval(s)

def cmp_expr(c):
    if c.get('expr'): return c['expr']
    e = c['quote'].replace('`', '').strip()
    e = re.sub(r'\s+is\s+(True|False|true|false)$', '', e)
    if e.startswith('if '): e = e[3:]
    return e

def contiguous(seq, h):
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def check_claim(c, ret, hist, ls):
    lines, samples = ls
    w, v = c['what'], c['value']
    if w == 'value':
        val = lit(v); h = hist.get(c['variable'], [])
        if 'at_line' in c:  # summarised per-iteration sequence, sampled when line at_line runs
            return contiguous(val, samples.get((c['at_line'], c['variable']), []))
        if 'at_transition' in c:  # sampled when control passes from line a to line b
            a, b = c['at_transition']
            return contiguous(val, samples.get((a, b, c['variable']), []))
        if val in h: return True
        if isinstance(val, list) and h and not isinstance(h[0], list):  # summarised sequence of changes
            return contiguous(val, h)
        return False
    if w == 'count':
        ln = int(re.search(r'line (\d+)', c['variable']).group(1))
        # iterations of the loop headed at line ln = transitions ln -> ln+1 (entries into the body)
        return lines.get((ln, ln + 1), 0) == int(v)
    if w == 'arith':
        expr = c['quote'].replace('`', '')
        left = c.get('expr') or expr.rsplit('=', 1)[0]
        return eval(left) == lit(v)
    if w == 'comparison':
        return bool(eval(cmp_expr(c))) == lit(v)
    if w == 'return':
        return ret == lit(v)
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    out, bad = [], 0
    for it in items:
        probs = []
        ret, hist, lines, g = run(it['code'], it['call'])
        if repr(ret) != it['returned']: probs.append('returned mismatch %r' % (ret,))
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']): probs.append('answer line')
        err = it['error']
        errq = err['quote'] if err else None
        for c in it['claims']:
            if c['quote'] not in it['rationale']: probs.append('quote missing: ' + c['quote']); continue
            is_err = err is not None and (c['quote'] == errq or c['quote'] in errq or errq in c['quote'])
            ok = check_claim(c, ret, hist, lines)
            if is_err and ok and 'at' not in err: probs.append('error claim is true: ' + c['quote'])
            if not is_err and not ok: probs.append('false claim: ' + c['quote'])
        # answer
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == ret
        else:
            _, _, _, g2 = run(it['code'], 'None')
            ans_ok = eval(it['answer'], g2) == ret
        if err and err['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
            if ans_ok: probs.append('wrong answer is actually right')
        elif not ans_ok: probs.append('answer wrong')
        if err:
            if err['quote'] not in it['rationale']: probs.append('error quote missing')
            if 'at' in err:  # value at a specific point of the variable's history
                a = err['at']; h = hist[a['variable']]
                if h[a['k']] == lit(a['stated']): probs.append('stated value true at point')
                if h[a['k']] != lit(a['actual']): probs.append('point mismatch: %r' % (h[a['k']],))
            if err['kind'] in ('wrong_final_answer',) and lit(err['stated']) == ret: probs.append('final same')
            if err.get('held_elsewhere'):
                sv = lit(err['stated'])
                if not any(sv in h for h in hist.values()): probs.append('held_elsewhere but never held')
            if err['kind'] in ('wrong_arithmetic','off_by_one_loop_count','branch_not_taken','wrong_loop_summary_value',
                               'impossible_state','wrong_intermediate_right_answer','swapped_variables'):
                cl = [c for c in it['claims'] if c['quote'] in errq or errq in c['quote']]
                if not cl and 'at' not in err: probs.append('no claim/point for error')
            if err['kind'] == 'impossible_state':
                if any(lit(err['stated']) in h for h in hist.values()): probs.append('impossible state actually held')
            if err['kind'] == 'wrong_intermediate_right_answer' and not ans_ok: probs.append('answer should stay right')
        status = 'PASS' if not probs else 'FAIL'
        bad += bool(probs)
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('TOTAL %d items, %d failing' % (len(items), bad))
    txt = '\n'.join(out) + '\n'
    open('check_report.txt', 'w').write(txt); print(txt)
    return bad
if __name__ == '__main__':
    sys.exit(1 if main() else 0)
