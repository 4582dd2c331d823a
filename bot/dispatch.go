package bot

import (
	"context"
	"errors"
	"sync"
	"time"
)

// dispatcher runs jobs in per-key order with bounded work: jobs with the same key (a chat) run one after
// another in the order submitted, jobs with different keys run in parallel, and the expensive part of a job
// (preparing an answer) runs under work(), at most `workers` at a time. Sending is not under that bound: a job
// waiting for a chat's flood limit must not keep a worker from answering other chats. A slow answer in one chat
// never holds up another, and one chat's answers never overtake each other. Jobs run under a context that
// survives the bot's shutdown signal, so they can finish; drain bounds how long they get.
type dispatcher struct {
	sem     chan struct{}
	ctx     context.Context // jobs' context: not cancelled by shutdown, only by drain's deadline
	cancel  context.CancelFunc
	mu      sync.Mutex
	queues  map[string][]func(context.Context)
	wg      sync.WaitGroup
	closed  bool
	pending int
	onQueue func(n int) // reports the number of jobs queued or running, for metrics
}

func newDispatcher(workers int, onQueue func(int)) *dispatcher {
	ctx, cancel := context.WithCancel(context.Background())
	return &dispatcher{sem: make(chan struct{}, workers), ctx: ctx, cancel: cancel,
		queues: map[string][]func(context.Context){}, onQueue: onQueue}
}

// maxQueue bounds one key's queue: a group answered at 20 messages a minute does not need more than ten minutes
// of backlog, and memory stays bounded whatever a chat sends.
const maxQueue = 200

// errQueueFull and errDraining say why submit refused a job.
var (
	errQueueFull = errors.New("this chat's queue is full")
	errDraining  = errors.New("shutting down")
)

// submit queues job under key.
func (d *dispatcher) submit(key string, job func(context.Context)) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return errDraining
	}
	q, running := d.queues[key]
	if len(q) >= maxQueue {
		return errQueueFull
	}
	d.queues[key] = append(q, job)
	d.pending++
	d.onQueue(d.pending)
	if !running {
		d.wg.Add(1)
		go d.run(key)
	}
	return nil
}

// run drains one key's queue, one job at a time.
func (d *dispatcher) run(key string) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		q := d.queues[key]
		if len(q) == 0 {
			delete(d.queues, key)
			d.mu.Unlock()
			return
		}
		job := q[0]
		q[0] = nil
		d.queues[key] = q[1:]
		d.mu.Unlock()

		job(d.ctx)
		d.mu.Lock()
		d.pending--
		d.onQueue(d.pending)
		d.mu.Unlock()
	}
}

// work runs fn holding one of the workers' slots.
func (d *dispatcher) work(ctx context.Context, fn func()) error {
	select {
	case d.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-d.sem }()
	fn()
	return nil
}

// drain stops taking jobs and waits for the queued and running ones, at most timeout; then cancels what is left
// and reports how many jobs had not finished.
func (d *dispatcher) drain(timeout time.Duration) (unfinished int) {
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
	done := make(chan struct{})
	go func() { d.wg.Wait(); close(done) }()
	select {
	case <-done:
		return 0
	case <-time.After(timeout):
	}
	d.mu.Lock()
	unfinished = d.pending
	d.mu.Unlock()
	d.cancel()
	<-done
	return unfinished
}
