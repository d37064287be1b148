package io.needmap.jobs;
