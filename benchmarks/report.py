# -*- coding: utf-8 -*-
# Copyright (c) 2026, nxcloud.whatsapp contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Statistics and presentation for `make bench`: medians with their spread, verdicts, the table.

A figure is a ratio of two medians taken in the same invocation; its spread is the range of the
ratios of the runs paired by repetition (run i of one side against run i of the other), so a
noisy machine shows as a wide range instead of a misleading single number.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import statistics


def quartiles(values):
    """Return (q1, median, q3) of the values (the median for both quartiles when fewer than 4)."""
    values = sorted(values)
    median = statistics.median(values)
    if len(values) < 4:
        return median, median, median
    lower, upper = values[:len(values) // 2], values[(len(values) + 1) // 2:]
    return statistics.median(lower), median, statistics.median(upper)


def describe(values):
    """Return median, min, max, q1, q3 and the samples of a list of measurements."""
    q1, median, q3 = quartiles(values)
    return {'median': median, 'min': min(values), 'max': max(values), 'q1': q1, 'q3': q3, 'samples': list(values), 'n': len(values)}


def ratio_figure(name, numerator, denominator, target=None, compare=None, note=''):
    """Return a figure: median(numerator) / median(denominator), with the paired ratios' range.

    ``compare`` is ``'<='``, ``'>='`` or ``'<'``; with ``target`` it gives the verdict PASS or MISS.
    """
    paired = [top / bottom for top, bottom in zip(numerator, denominator) if bottom > 0]
    value = statistics.median(numerator) / statistics.median(denominator)
    figure = {'name': name, 'value': value, 'unit': 'x', 'paired_min': min(paired), 'paired_max': max(paired),
              'numerator': describe(numerator), 'denominator': describe(denominator), 'note': note}
    return _with_verdict(figure, target, compare)


def value_figure(name, values, unit, target=None, compare=None, note=''):
    """Return a figure that is the median of absolute measurements (with their range)."""
    stats = describe(values)
    figure = {'name': name, 'value': stats['median'], 'unit': unit, 'paired_min': stats['min'], 'paired_max': stats['max'],
              'values': stats, 'note': note}
    return _with_verdict(figure, target, compare)


def exact_figure(name, observed, expected, note=''):
    """Return a figure that must equal an expected value in every run (e.g. requests per run)."""
    every = sorted(set(observed))
    figure = {'name': name, 'value': every[0] if len(every) == 1 else every, 'unit': '', 'observed': list(observed),
              'expected': expected, 'target': '= %s' % expected, 'note': note,
              'verdict': 'PASS' if observed and all(item == expected for item in observed) else 'MISS'}
    return figure


def _with_verdict(figure, target, compare):
    if target is None:
        figure.update(target=None, verdict='info')
        return figure
    checks = {'<=': lambda value: value <= target, '>=': lambda value: value >= target, '<': lambda value: value < target}
    figure['target'] = '%s %s%s' % (compare, _number(target), figure['unit'])
    figure['verdict'] = 'PASS' if checks[compare](figure['value']) else 'MISS'
    return figure


def _number(value):
    if isinstance(value, float):
        return ('%.2f' % value).rstrip('0').rstrip('.') if abs(value) < 100 else '%.0f' % value
    return str(value)


def _shown(figure):
    value = figure['value']
    if isinstance(value, list):
        return ', '.join(str(item) for item in value)
    if isinstance(value, float):
        text = '%.2f%s' % (value, figure['unit'])
        if 'paired_min' in figure:
            text += '  (%.2f-%.2f)' % (figure['paired_min'], figure['paired_max'])
        return text
    return '%s%s' % (value, figure['unit'])


def table(figures):
    """Return the figures as a text table: figure, value (spread), target, verdict."""
    rows = [('figure', 'value (range over runs)', 'target', 'verdict')]
    for figure in figures:
        rows.append((figure['name'], _shown(figure), figure.get('target') or '-', figure['verdict']))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = []
    for index, row in enumerate(rows):
        lines.append('  '.join(cell.ljust(widths[column]) for column, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append('  '.join('-' * width for width in widths))
    return '\n'.join(lines)


def task_breakdown(runs, top=12):
    """Return lines naming where a set of runs spent their time, task by task (median seconds)."""
    per_task = {}
    order = []
    for run in runs:
        for task in run['task_times'].get('tasks', ()):
            if task['name'] not in per_task:
                order.append(task['name'])
            per_task.setdefault(task['name'], []).append(task['seconds'])
    walls = [run['wall'] for run in runs]
    totals = [run['task_times'].get('total', 0.0) for run in runs]
    lines = ['    wall %.2f s median (CPU %.2f s); inside the playbook %.2f s; start-up and exit %.2f s'
             % (statistics.median(walls), statistics.median([run['cpu'] for run in runs]), statistics.median(totals),
                statistics.median(walls) - statistics.median(totals))]
    for name in order[:top]:
        lines.append('    %6.2f s  %s' % (statistics.median(per_task[name]), name))
    return lines
