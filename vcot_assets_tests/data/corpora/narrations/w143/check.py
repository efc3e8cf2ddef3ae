#!/usr/bin/env python3
"""Standalone checker for w143 narrations: re-executes each program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks every claim."""
import ast, copy, json, re, sys
from collections import defaultdict

def run_traced(code, call):
    hist = defaultdict(list)          # (func, var) -> values in order (consecutive dups removed)
    lines = defaultdict(int)          # lineno -> hits
    line_locals = defaultdict(list)   # lineno -> copies of locals each time that line is about to run
    def snap(frame):
        fn = frame.f_code.co_name
        loc = dict(frame.f_locals)
        if 'self' in loc and hasattr(loc['self'], '__dict__'):
            for k, v in vars(loc['self']).items():
                loc['self.' + k] = v
        for k, v in loc.items():
            if k == 'self' or callable(v): continue
            try: v = copy.deepcopy(v)
            except Exception: continue
            h = hist[(fn, k)]
            if not h or h[-1] != v or type(h[-1]) != type(v): h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>': return tracer
        snap(frame)
        if event == 'line':
            lines[frame.f_lineno] += 1
            try: line_locals[frame.f_lineno].append(copy.deepcopy({k: v for k, v in frame.f_locals.items() if k != 'self' and not callable(v)}))
            except Exception: pass
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try: ret = eval(call, ns)
    finally: sys.settrace(None)
    hist['__line_locals__'] = line_locals
    return ret, hist, lines

def plain_call(code, call):
    ns = {}; exec(compile(code, '<p>', 'exec'), ns); return eval(call, ns)

def var_hist(hist, var):
    out = []
    for key, h in hist.items():
        if isinstance(key, tuple) and key[1] == var: out.extend(h)
    return out

def hist_seq(hist, var):
    seqs = [h for key, h in hist.items() if isinstance(key, tuple) and key[1] == var]
    return max(seqs, key=len) if seqs else []

def is_subseq(sub, seq):
    it = iter(seq); return all(any(x == y for y in it) for x in sub)

def lit(s): return ast.literal_eval(s)

def split_arith(q):
    q = q.replace('`', '').strip()
    for sep in (' returns ', ' gives ', ' = ', ' is '):
        if sep in q:
            l, r = q.rsplit(sep, 1); return l.strip(), r.strip()
    raise ValueError(q)

def eval_cmp(q):
    q = q.replace('`', '').strip()
    q = re.sub(r'\s+is\s+(true|false)$', '', q, flags=re.I)
    return eval(q, {})

def loop_line(var):
    m = re.search(r'line (\d+)', var or ''); return int(m.group(1)) if m else None

def check_claim(c, ret, hist, lines):
    w, v = c['what'], c['value']
    if w == 'value':
        val = lit(v); h = var_hist(hist, c['variable'])
        if any(x == val for x in h): return True
        if not isinstance(val, list): return False
        dd = [x for i, x in enumerate(val) if i == 0 or val[i - 1] != x]   # a summary may repeat an unchanged value
        return is_subseq(dd, hist_seq(hist, c['variable']))
    if w == 'count': return lines[loop_line(c['variable'])] == int(v)
    if w == 'arith':
        l, _ = split_arith(c['quote'])
        parts = [x.strip() for x in l.split(' = ')]
        if len(parts) > 1 and re.fullmatch(r'[A-Za-z_][\w.]*', parts[0]):
            # "left = 4 + 1 = 5": also check the variable really takes that value
            first = parts.pop(0)
            name = c.get('variable') or first
            if not any(x == lit(v) for x in var_hist(hist, name)): return False
        # chained "(90 * 3 + 5) % 101 = 275 % 101 = 73": every stage must equal the stated result
        return all(eval(x, {}) == lit(v) for x in parts)
    if w == 'comparison': return (eval(c['expr'], {}) if 'expr' in c else eval_cmp(c['quote'])) == lit(v)
    if w == 'return': return lit(v) == ret
    if w == 'call': return True
    raise ValueError(w)

def check_error(it, ret, hist, lines):
    e = it['error']; k = e['kind']; stated = e['stated']; at = e.get('at')
    if k in ('wrong_final_answer',): return lit(it['answer']) != ret and lit(e['actual']) == ret
    if k == 'backward_wrong_input':
        got = plain_call(it['code'], it['answer']); return got != ret and repr(got) == e['actual']
    if k == 'wrong_arithmetic':
        l, _ = split_arith(e['quote']); l = l.split(' = ')[-1]; real = eval(l, {})
        return real != lit(stated) and real == lit(e['actual'])
    if k == 'off_by_one_loop_count':
        n = lines[loop_line([c for c in it['claims'] if c['quote'] == e['quote']][0]['variable'])]
        return abs(n - int(stated)) == 1 and n == int(e['actual'])
    if k == 'branch_not_taken': return eval_cmp(e['quote']) != lit(stated)
    if k == 'impossible_state':
        return all(x != lit(stated) for x in var_hist(hist, at['var']))
    if k == 'swapped_variables':
        # the stated value is wrong for var at that point, and is the OTHER variable's value there
        h = hist_seq(hist, at['var']); o = hist_seq(hist, at['other'])
        return h[at['index']] != at['val'] and o[at['other_index']] == at['val']
    if k in ('wrong_intermediate_right_answer', 'wrong_loop_summary_value'):
        h = hist_seq(hist, at['var'])
        if 'at_line' in at:   # values of var each time the given line runs (e.g. end of each outer-loop row)
            real = [d[at['var']] for d in hist['__line_locals__'][at['at_line']] if at['var'] in d]
            ok = real != at['seq'] and ast.literal_eval(e['actual']) == real
            if e.get('held_elsewhere'): ok = ok and all(x in h for x in at['seq'])
            return ok
        if 'seq' in at:
            real = h[at['seq_from']:at['seq_from'] + len(at['seq'])]
            ok = real != at['seq']
            if e.get('held_elsewhere'): ok = ok and all(x in h for x in at['seq'])
            return ok and ast.literal_eval(e['actual']) == real
        ok = h[at['index']] != lit(stated) and repr(h[at['index']]) == e['actual']
        if e.get('held_elsewhere'): ok = ok and lit(stated) in h
        else: ok = ok and lit(stated) not in h
        return ok
    raise ValueError(k)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    progs = {json.loads(l)['id']: json.loads(l) for l in open('programs.jsonl')}
    fails = []; n_claims = 0
    for it in items:
        p = progs[it['program_id']]
        assert p['code'] == it['code'] and p['call'] == it['call']
        ret, hist, lines = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']: fails.append((it['id'], 'returned mismatch'))
        if it['trace_events'] != len(p['events']): fails.append((it['id'], 'event count'))
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']): fails.append((it['id'], 'answer line'))
        for c in it['claims']:
            n_claims += 1
            if c['quote'] not in it['rationale']: fails.append((it['id'], 'quote missing: ' + c['quote']))
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not check_claim(c, ret, hist, lines): fails.append((it['id'], 'false claim: ' + c['quote']))
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret: fails.append((it['id'], 'forward answer wrong'))
            else:
                if plain_call(it['code'], it['answer']) != ret: fails.append((it['id'], 'backward answer wrong'))
        else:
            e = it['error']
            if e['quote'] not in it['rationale']: fails.append((it['id'], 'error quote missing'))
            if not check_error(it, ret, hist, lines): fails.append((it['id'], 'error not confirmed false: ' + e['kind']))
            if e.get('held_elsewhere') and e['kind'] in ('wrong_arithmetic', 'off_by_one_loop_count', 'wrong_intermediate_right_answer'):
                # the wrong value must be one the program really holds somewhere (another moment / variable)
                allv = [x for key, h in hist.items() if isinstance(key, tuple) for x in h]
                if not any(x == lit(e['stated']) for x in allv): fails.append((it['id'], 'held_elsewhere value never held'))
            # all other claims must still hold (except those carried)
            for c in it['claims']:
                if c['quote'] == e['quote'] or c['what'] == 'call': continue
                if e.get('carried') and c['what'] == 'value' and c['variable'] in ('pours',): continue
                if not check_claim(c, ret, hist, lines): fails.append((it['id'], 'other claim false: ' + c['quote']))
            if it['direction'] == 'forward' and e['kind'] != 'wrong_final_answer' and lit(it['answer']) != ret:
                fails.append((it['id'], 'answer should stay right'))
            if it['direction'] == 'backward' and e['kind'] != 'backward_wrong_input' and plain_call(it['code'], it['answer']) != ret:
                fails.append((it['id'], 'answer should stay right'))
    print(f'items: {len(items)}  faithful: {sum(i["label"]=="faithful" for i in items)}  '
          f'error: {sum(i["label"]=="error" for i in items)}  claims: {n_claims}')
    for f in fails: print('FAIL', *f)
    print('ALL PASS' if not fails else f'{len(fails)} FAILURES')
    return 1 if fails else 0

if __name__ == '__main__': sys.exit(main())
