/** The desired state: the manifest, its images, and the stable reasons every failure carries. */
package dev.berth.model;
