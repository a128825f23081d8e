// Open-loop load at a fixed rate, for the benchmark's latency figure: request i leaves at
// start + i/rate whatever the answers do, each on a connection of its own, and its latency counts
// from that moment (so a stalled server is charged for the queue it causes). Written in C because
// a Node client on the same two cores adds milliseconds of its own event-loop delay to every
// figure; this one spends microseconds per request.
//
//   paced-load PORT RATE SECONDS WARMUP_SECONDS REQUESTS_FILE
//
// REQUESTS_FILE holds whole HTTP requests, each preceded by its length as a 4-byte little-endian
// integer; they are sent in turn. Like mod_xml_curl (libcurl), the client reads the answer whole
// and then closes the connection. Connections come from 127.0.1.1-127.0.1.32: one source address
// has 28,000 ephemeral ports, fewer than a run's connections held in TIME_WAIT for 60 s. Prints
// one JSON line: {"sent","answered","failed","rate","p50","p99","p999","max"} (ms) and "over5ms",
// the answers that took longer than 5 ms (the target's bound, counted so runs can be pooled).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SOURCES 32
#define MAX_EVENTS 256

struct conn {
  int fd;
  int64_t due_ns;  // when the request was scheduled to leave
  const char *request;
  uint32_t length, written;
  char head[1024];  // the start of the answer: status line and headers
  int seen;
  long expected;  // bytes of the whole answer, once its headers are in (-1 before)
  long received;
};

/** The answer's whole length from its headers, or -1 while they are incomplete. */
static long answer_length(const struct conn *c) {
  const char *end = memmem(c->head, c->seen, "\r\n\r\n", 4);
  if (!end) return -1;
  const char *field = memmem(c->head, end - c->head, "\r\nContent-Length:", 17);
  if (!field) field = memmem(c->head, end - c->head, "\r\ncontent-length:", 17);
  return (end - c->head) + 4 + (field ? atol(field + 17) : 0);
}

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int compare(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: %s PORT RATE SECONDS WARMUP_SECONDS REQUESTS_FILE\n", argv[0]);
    return 2;
  }
  int port = atoi(argv[1]);
  double rate = atof(argv[2]);
  int64_t warmup = (int64_t)(atof(argv[4]) * rate);
  int64_t total = warmup + (int64_t)(atof(argv[3]) * rate);

  FILE *file = fopen(argv[5], "rb");
  if (!file) return perror(argv[5]), 2;
  fseek(file, 0, SEEK_END);
  long size = ftell(file);
  rewind(file);
  char *data = malloc(size);
  if (fread(data, 1, size, file) != (size_t)size) return perror("read"), 2;
  fclose(file);
  int count = 0;
  for (long at = 0; at + 4 <= size; count++) at += 4 + *(uint32_t *)(data + at);
  const char **requests = malloc(sizeof(char *) * count);
  uint32_t *lengths = malloc(sizeof(uint32_t) * count);
  for (long at = 0, i = 0; i < count; i++) {
    lengths[i] = *(uint32_t *)(data + at);
    requests[i] = data + at + 4;
    at += 4 + lengths[i];
  }

  struct sockaddr_in server = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
  int epoll = epoll_create1(0);
  int64_t *latencies = malloc(sizeof(int64_t) * total);
  int64_t answered = 0, failed = 0, sent = 0, open = 0;
  int64_t interval = (int64_t)(1e9 / rate);
  int64_t started = now_ns(), measured_from = started + warmup * interval;
  static char buffer[65536];
  struct epoll_event events[MAX_EVENTS];

  while (sent < total || open > 0) {
    int64_t now = now_ns();
    for (; sent < total && started + sent * interval <= now; sent++) {
      struct conn *c = calloc(1, sizeof *c);
      c->due_ns = started + sent * interval;
      c->request = requests[sent % count];
      c->length = lengths[sent % count];
      int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      int one = 1;
      setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      struct sockaddr_in source = {.sin_family = AF_INET};
      source.sin_addr.s_addr = htonl((127u << 24) | (1u << 8) | (uint32_t)(sent % SOURCES + 1));
      bind(fd, (struct sockaddr *)&source, sizeof source);
      if (connect(fd, (struct sockaddr *)&server, sizeof server) < 0 && errno != EINPROGRESS) {
        close(fd), free(c), failed++;
        continue;
      }
      c->fd = fd;
      c->expected = -1;
      struct epoll_event ev = {.events = EPOLLOUT | EPOLLIN | EPOLLRDHUP, .data.ptr = c};
      epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &ev);
      open++;
    }
    int64_t wait_ns = sent < total ? started + sent * interval - now_ns() : 100000000;
    if (wait_ns < 0) wait_ns = 0;
    struct timespec timeout = {.tv_sec = wait_ns / 1000000000, .tv_nsec = wait_ns % 1000000000};
    int n = epoll_pwait2(epoll, events, MAX_EVENTS, &timeout, NULL);
    for (int i = 0; i < n; i++) {
      struct conn *c = events[i].data.ptr;
      int done = 0, ok = 0;
      if (events[i].events & EPOLLERR) done = 1;
      if (!done && (events[i].events & EPOLLOUT) && c->written < c->length) {
        ssize_t w = write(c->fd, c->request + c->written, c->length - c->written);
        if (w < 0 && errno != EAGAIN) done = 1;
        if (w > 0 && (c->written += w) == c->length) {
          struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.ptr = c};
          epoll_ctl(epoll, EPOLL_CTL_MOD, c->fd, &ev);
        }
      }
      // Read until the answer is whole, then close, as mod_xml_curl (libcurl) does.
      while (!done && (events[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP))) {
        ssize_t r = read(c->fd, buffer, sizeof buffer);
        if (r > 0) {
          for (ssize_t k = 0; k < r && c->seen < (int)sizeof c->head; k++) c->head[c->seen++] = buffer[k];
          c->received += r;
          if (c->expected < 0) c->expected = answer_length(c);
          if (c->expected >= 0 && c->received >= c->expected) done = 1, ok = memcmp(c->head, "HTTP/1.1 200", 12) == 0;
          continue;
        }
        if (r < 0 && errno == EAGAIN) break;
        done = 1;  // closed or failed before the answer was whole
      }
      if (!done) continue;
      if (c->due_ns >= measured_from) {
        if (ok) latencies[answered++] = now_ns() - c->due_ns;
        else failed++;
      }
      close(c->fd);
      free(c);
      open--;
    }
  }
  double elapsed = (now_ns() - measured_from) / 1e9;
  qsort(latencies, answered, sizeof(int64_t), compare);
#define AT(q) (answered ? latencies[(int64_t)((q) * (answered - 1))] / 1e6 : 0)
  int64_t over5ms = 0;
  while (over5ms < answered && latencies[answered - 1 - over5ms] > 5000000) over5ms++;
  printf("{\"sent\":%ld,\"answered\":%ld,\"failed\":%ld,\"rate\":%.1f,\"p50\":%.2f,\"p99\":%.2f,\"p999\":%.2f,\"max\":%.2f,\"over5ms\":%ld}\n",
         (long)(total - warmup), (long)answered, (long)failed, answered / elapsed, AT(0.5), AT(0.99), AT(0.999), AT(1.0), (long)over5ms);
  return 0;
}
